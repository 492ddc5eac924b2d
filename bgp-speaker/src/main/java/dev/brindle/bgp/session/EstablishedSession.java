package dev.brindle.bgp.session;

import java.time.Duration;

/** A session that reached Established: the connection to send on and what both OPENs negotiated. */
public record EstablishedSession(Connection connection, OpenParameters local, OpenParameters peer, Duration hold) {}
