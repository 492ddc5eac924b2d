package dev.brindle.netlink.rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.brindle.netlink.BatchResult;
import dev.brindle.netlink.Errno;
import dev.brindle.netlink.NetlinkException;
import dev.brindle.netlink.codec.Nl;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The channel's protocol handling against a scripted kernel: no root needed. */
class NetlinkChannelTest {
    private static void request(dev.brindle.netlink.codec.NlWriter w) {
        w.begin(Nl.RTM_NEWROUTE, Nl.F_REQUEST | Nl.F_ACK, 0).u32(0).end();
    }

    private static void dumpRequest(dev.brindle.netlink.codec.NlWriter w) {
        w.begin(Nl.RTM_GETLINK, Nl.F_REQUEST | Nl.F_DUMP, 0).u32(0).end();
    }

    /** A dump part: one message per value carrying the value as its payload, then NLMSG_DONE. */
    private static void dumpReply(ScriptedKernel.Replies replies, int seq, int flags, int... values) {
        replies.datagram(
                (b, s) -> {
                    for (int v : values) {
                        ScriptedKernel.header(b, 20, Nl.RTM_NEWLINK, Nl.F_MULTI | flags, s);
                        b.putInt(v);
                    }
                    ScriptedKernel.header(b, 20, Nl.NLMSG_DONE, Nl.F_MULTI | flags, s);
                    b.putInt(0);
                },
                seq);
    }

    private static final NetlinkChannel.Decoder<Integer> PAYLOAD =
            (buf, at, type) -> type == Nl.RTM_NEWLINK ? buf.getInt(at + 16) : null;

    @Test
    void requestsAskForAnAckAndErrorsCarryErrnoAndTheKernelsReason() {
        var kernel = new ScriptedKernel((r, replies) -> {
            replies.ack(r.seq() + 1000, 0, null); // a stale reply for someone else: skipped
            replies.ack(r.seq(), Errno.EEXIST, "File exists, really");
        });
        var channel = new NetlinkChannel(kernel);

        var e = catchThrowableOfType(
                NetlinkException.class, () -> channel.execute("add route", "10.0.0.0/24", NetlinkChannelTest::request));

        assertThat(e.errnoName()).isEqualTo("EEXIST");
        assertThat(e.operation()).isEqualTo("add route");
        assertThat(e.object()).isEqualTo("10.0.0.0/24");
        assertThat(e.getMessage()).isEqualTo("add route 10.0.0.0/24: EEXIST (17): File exists, really");
        assertThat(kernel.requests.getFirst().flags() & Nl.F_ACK).isNotZero();
    }

    @Test
    void sequenceNumbersAdvanceAndAnAckCompletesARequest() {
        var kernel = new ScriptedKernel((r, replies) -> replies.ack(r.seq(), 0, null));
        var channel = new NetlinkChannel(kernel);
        channel.execute("a", "x", NetlinkChannelTest::request);
        channel.execute("b", "y", NetlinkChannelTest::request);
        assertThat(kernel.requests).extracting(ScriptedKernel.Request::seq).doesNotHaveDuplicates();
    }

    @Test
    void anInterruptedDumpIsReadAgain() {
        int[] attempt = {0};
        var kernel = new ScriptedKernel((r, replies) -> {
            if (attempt[0]++ == 0) {
                dumpReply(replies, r.seq(), Nl.F_DUMP_INTR, 1, 2);
            } else {
                dumpReply(replies, r.seq(), 0, 1, 2, 3);
            }
        });
        List<Integer> got = new NetlinkChannel(kernel).dump("list links", NetlinkChannelTest::dumpRequest, PAYLOAD);
        assertThat(got).containsExactly(1, 2, 3);
        assertThat(kernel.requests).hasSize(2);
    }

    @Test
    void aDumpThatNeverSettlesFailsWithEintr() {
        var kernel = new ScriptedKernel((r, replies) -> dumpReply(replies, r.seq(), Nl.F_DUMP_INTR, 1));
        var e = catchThrowableOfType(
                NetlinkException.class,
                () -> new NetlinkChannel(kernel).dump("list links", NetlinkChannelTest::dumpRequest, PAYLOAD));
        assertThat(e.errnoName()).isEqualTo("EINTR");
        assertThat(kernel.requests).hasSize(5);
    }

    @Test
    void multipartDumpsSpanSeveralDatagramsUntilDone() {
        var kernel = new ScriptedKernel((r, replies) -> {
            replies.datagram(
                    (b, s) -> {
                        ScriptedKernel.header(b, 20, Nl.RTM_NEWLINK, Nl.F_MULTI, s);
                        b.putInt(7);
                    },
                    r.seq());
            dumpReply(replies, r.seq(), 0, 8);
        });
        assertThat(new NetlinkChannel(kernel).dump("list links", NetlinkChannelTest::dumpRequest, PAYLOAD))
                .containsExactly(7, 8);
    }

    @Test
    void aSilentKernelIsEtimedout() {
        var kernel = new ScriptedKernel((r, replies) -> {});
        var e = catchThrowableOfType(
                NetlinkException.class,
                () -> new NetlinkChannel(kernel).execute("add route", "x", NetlinkChannelTest::request));
        assertThat(e.errnoName()).isEqualTo("ETIMEDOUT");
    }

    @Test
    void aPipelineSendsManyRequestsPerDatagramAndReportsFailuresByPosition() {
        int n = 5000;
        var kernel =
                new ScriptedKernel((r, replies) -> replies.ack(r.seq(), r.seq() % 1000 == 7 ? Errno.ESRCH : 0, null));
        List<Integer> items = IntStream.range(0, n).boxed().toList();

        BatchResult result = new NetlinkChannel(kernel)
                .pipeline(items, (w, i) -> request(w), i -> "delete route", i -> "route " + i);

        assertThat(result.attempted()).isEqualTo(n);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (kernel.requests.get(i).seq() % 1000 == 7) {
                expected.add(i);
            }
        }
        assertThat(result.failedIndexes()).isEqualTo(expected).isNotEmpty();
        assertThat(result.failures().get(expected.getFirst()).getMessage())
                .isEqualTo("delete route route " + expected.getFirst() + ": ESRCH (3)");
        assertThat(kernel.datagramsSent()).as("batched").isLessThan(n / 100);
    }

    @Test
    void aPipelineNeverHasMoreThanTheWindowOutstanding() {
        var kernel = new ScriptedKernel((r, q) -> q.ack(r.seq(), 0, null));
        new NetlinkChannel(kernel)
                .pipeline(IntStream.range(0, 3000).boxed().toList(), (w, i) -> request(w), i -> "op", i -> "x");
        assertThat(kernel.maxUnanswered())
                .isLessThanOrEqualTo(NetlinkChannel.WINDOW)
                .isGreaterThan(1);
    }
}
