/**
 * The BGP-4 wire codec (RFC 4271) on Netty {@code ByteBuf}: the immutable message model, one parser/serializer per
 * message, framing ({@link dev.brindle.bgp.codec.BgpFrameDecoder}, {@link dev.brindle.bgp.codec.BgpMessageEncoder}),
 * OPEN validation (§6.2), RFC 7606 UPDATE error handling and RFC 9003 shutdown communication.
 *
 * <p>Every decoding failure surfaces as {@link dev.brindle.bgp.codec.BgpProtocolException}, which names the
 * NOTIFICATION (code, subcode, data) the session must send; no other exception escapes for any byte input.
 */
package dev.brindle.bgp.codec;
