/**
 * BGP capabilities advertised in OPEN (RFC 5492): the sealed {@link dev.brindle.bgp.codec.capability.Capability}
 * model and {@link dev.brindle.bgp.codec.capability.CapabilityCodec}, which parses and serializes each of them.
 */
package dev.brindle.bgp.codec.capability;
