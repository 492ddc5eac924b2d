package dev.brindle.netlink.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * The few libc calls brindle needs — socket(2), bind(2), getsockname(2), send(2), recv(2), setsockopt(2), open(2),
 * read(2), write(2), close(2), setns(2) — as downcalls of the JDK's foreign function API (JEP 454), each capturing
 * errno right after the call so that no JVM activity in between can overwrite it.
 *
 * <p>Why not jnr-ffi, which the first cut used: jnr generates its stubs at run time with ASM and its own assembler,
 * none of which the JDK's AOT cache can keep, so every CNI ADD paid ~150 ms of CPU for it (docs/benchmarks.md). The
 * FFM linker is part of the JDK and needs no third-party native stub.
 */
final class LibC {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno")).withInvokeExactBehavior();
    private static final ThreadLocal<MemorySegment> STATE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE));

    private static final MethodHandle SOCKET =
            handle("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND =
            handle("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME =
            handle("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SEND =
            handle("send", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle RECV =
            handle("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle SETSOCKOPT =
            handle("setsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle OPEN = handle("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle READ =
            handle("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE =
            handle("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SETNS = handle("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));

    private LibC() {}

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol =
                LINKER.defaultLookup().find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(symbol, descriptor, Linker.Option.captureCallState("errno"));
    }

    /** errno as the last call on this thread left it. */
    static int errno() {
        return (int) ERRNO.get(STATE.get(), 0L);
    }

    /** The whole of a direct buffer, from index 0 to its capacity, whatever its position and limit. */
    static MemorySegment whole(ByteBuffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("native calls need a direct buffer");
        }
        return MemorySegment.ofBuffer(direct.duplicate().clear());
    }

    static int socket(int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(STATE.get(), domain, type, protocol);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int bind(int fd, ByteBuffer address, int length) {
        try {
            return (int) BIND.invokeExact(STATE.get(), fd, whole(address), length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int getsockname(int fd, ByteBuffer address, ByteBuffer length) {
        try {
            return (int) GETSOCKNAME.invokeExact(STATE.get(), fd, whole(address), whole(length));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long send(int fd, ByteBuffer buffer, long length, int flags) {
        try {
            return (long) SEND.invokeExact(STATE.get(), fd, whole(buffer), length, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long recv(int fd, ByteBuffer buffer, long length, int flags) {
        try {
            return (long) RECV.invokeExact(STATE.get(), fd, whole(buffer), length, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int setsockopt(int fd, int level, int option, ByteBuffer value, int length) {
        try {
            return (int) SETSOCKOPT.invokeExact(STATE.get(), fd, level, option, whole(value), length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int open(String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) OPEN.invokeExact(STATE.get(), arena.allocateFrom(path), flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long read(int fd, ByteBuffer buffer, long length) {
        try {
            return (long) READ.invokeExact(STATE.get(), fd, whole(buffer), length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long write(int fd, ByteBuffer buffer, long length) {
        try {
            return (long) WRITE.invokeExact(STATE.get(), fd, whole(buffer), length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int close(int fd) {
        try {
            return (int) CLOSE.invokeExact(STATE.get(), fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int setns(int fd, int nstype) {
        try {
            return (int) SETNS.invokeExact(STATE.get(), fd, nstype);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("native call failed", t);
    }
}
