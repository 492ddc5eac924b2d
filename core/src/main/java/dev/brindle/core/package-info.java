/** Values every brindle module shares: IP addresses, prefixes and MAC addresses, as validated records. */
package dev.brindle.core;
