/**
 * UPDATE path attributes (RFC 4271 §5 and the RFCs that add attributes): the sealed
 * {@link dev.brindle.bgp.codec.attr.PathAttribute} model, their parsers and serializers, and the RFC 7606 error
 * policy that decides what a malformed attribute costs.
 */
package dev.brindle.bgp.codec.attr;
