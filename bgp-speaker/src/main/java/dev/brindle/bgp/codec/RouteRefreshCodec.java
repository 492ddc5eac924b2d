package dev.brindle.bgp.codec;

import io.netty.buffer.ByteBuf;

/** ROUTE-REFRESH body (RFC 2918 §3, RFC 7313 §3.2): AFI (2), message subtype (1), SAFI (1). */
final class RouteRefreshCodec {
    static final int BODY_LENGTH = 4;

    private RouteRefreshCodec() {}

    static BgpRouteRefresh parse(ByteBuf body) {
        int afi = body.readUnsignedShort();
        int subtype = body.readUnsignedByte();
        int safi = body.readUnsignedByte();
        return new BgpRouteRefresh(new AfiSafi(afi, safi), subtype);
    }

    static void write(BgpRouteRefresh r, ByteBuf out) {
        out.writeShort(r.afiSafi().afi());
        out.writeByte(r.subtype());
        out.writeByte(r.afiSafi().safi());
    }
}
