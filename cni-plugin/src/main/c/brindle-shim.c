/*
 * brindle-shim: the part of the brindle CNI plugin that a runtime execs once per pod.
 *
 * A JVM started for one CNI call costs 150-400 ms of CPU before it does any work (docs/benchmarks.md, CNI
 * section); a Go plugin starts in ~3 ms. So the per-pod work runs in the node agent, which is resident anyway,
 * and this program only carries the call there and the answer back, the way Cilium's and Antrea's plugins do:
 *
 *   1. read stdin (the network configuration) and the CNI_* environment;
 *   2. connect to the agent's socket (the netconf's "agent_socket", default /var/run/brindle/agent.sock) and send
 *      one JSON line {"op":"cni","netns":"<dev>:<ino>","podNetns":"<dev>:<ino>","env":{CNI_*},"stdin":"<netconf>"}
 *      (docs/agent-socket.md, op "cni"): our network namespace and the file CNI_NETNS names, as stat(2) sees them;
 *   3. print the answer's "stdout" on stdout and its "stderr" on stderr, and exit with its "exit" code.
 *
 * Whenever the agent cannot serve the call - no socket, an older agent, the agent in another network namespace
 * than ours or seeing another file at CNI_NETNS, a netconf this program cannot read - it execs the JVM plugin (BRINDLE_LAUNCHER, the bin/brindle
 * that started us, with BRINDLE_SHIM=off) with the same argv, environment and stdin: slower, never different.
 * The JVM plugin is also what prints every error about a malformed request.
 *
 * Only what JSON needs is parsed here: the netconf's top-level keys and the agent's flat answer.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#define DEFAULT_SOCKET "/var/run/brindle/agent.sock"
#define MAX_INPUT (8u << 20)
/* An ADD may wait for a block claim; the agent's own IPAM timeout is 90 s (AgentIpam.TIMEOUT_MILLIS). */
#define ANSWER_TIMEOUT_SECONDS 150

extern char **environ;

struct buf {
    char *data;
    size_t len;
    size_t cap;
};

static void die_oom(void) {
    fputs("brindle-shim: out of memory\n", stderr);
    exit(1);
}

static void buf_put(struct buf *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (b->len + n + 1 > cap) {
            cap *= 2;
        }
        char *d = realloc(b->data, cap);
        if (!d) {
            die_oom();
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void buf_puts(struct buf *b, const char *s) { buf_put(b, s, strlen(s)); }

/* RFC 8259 §7: quote, backslash and control characters escaped; other bytes (UTF-8) as they are. */
static void buf_put_json_string(struct buf *b, const char *s, size_t n) {
    buf_put(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            buf_put(b, esc, 2);
        } else if (c < 0x20) {
            char esc[7];
            snprintf(esc, sizeof esc, "\\u%04x", c);
            buf_put(b, esc, 6);
        } else {
            buf_put(b, (const char *)&s[i], 1);
        }
    }
    buf_put(b, "\"", 1);
}

static int read_all(int fd, struct buf *b) {
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n == 0) {
            return 0;
        }
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        if (b->len + (size_t)n > MAX_INPUT) {
            return -1;
        }
        buf_put(b, chunk, (size_t)n);
    }
}

/* ---- a minimal JSON reader: enough to walk one object's keys and decode string values ---- */

static const char *skip_ws(const char *p, const char *end) {
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) {
        p++;
    }
    return p;
}

static int hex4(const char *p, const char *end, unsigned *out) {
    if (end - p < 4) {
        return -1;
    }
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') {
            v |= (unsigned)(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            v |= (unsigned)(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            v |= (unsigned)(c - 'A' + 10);
        } else {
            return -1;
        }
    }
    *out = v;
    return 0;
}

static void put_utf8(struct buf *b, unsigned cp) {
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xc0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3f));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xe0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[2] = (char)(0x80 | (cp & 0x3f));
        n = 3;
    } else {
        u[0] = (char)(0xf0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[3] = (char)(0x80 | (cp & 0x3f));
        n = 4;
    }
    buf_put(b, u, n);
}

/* p at the opening quote; decodes into out (when not NULL); returns the position after the closing quote. */
static const char *read_string(const char *p, const char *end, struct buf *out) {
    if (p >= end || *p != '"') {
        return NULL;
    }
    p++;
    while (p < end) {
        char c = *p++;
        if (c == '"') {
            return p;
        }
        if ((unsigned char)c < 0x20) {
            return NULL;
        }
        if (c != '\\') {
            if (out) {
                buf_put(out, &c, 1);
            }
            continue;
        }
        if (p >= end) {
            return NULL;
        }
        char e = *p++;
        const char *simple = strchr("\"\\/bfnrt", e);
        if (e != '\0' && simple) {
            static const char decoded[] = "\"\\/\b\f\n\r\t";
            if (out) {
                buf_put(out, &decoded[simple - "\"\\/bfnrt"], 1);
            }
            continue;
        }
        if (e != 'u') {
            return NULL;
        }
        unsigned cp;
        if (hex4(p, end, &cp) < 0) {
            return NULL;
        }
        p += 4;
        if (cp >= 0xd800 && cp < 0xdc00) { /* a surrogate pair: the low half must follow */
            unsigned lo;
            if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || hex4(p + 2, end, &lo) < 0 || lo < 0xdc00
                    || lo > 0xdfff) {
                return NULL;
            }
            p += 6;
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        }
        if (out) {
            put_utf8(out, cp);
        }
    }
    return NULL;
}

static const char *skip_value(const char *p, const char *end, int depth) {
    p = skip_ws(p, end);
    if (p >= end || depth > 64) {
        return NULL;
    }
    if (*p == '"') {
        return read_string(p, end, NULL);
    }
    if (*p == '{' || *p == '[') {
        char close = *p == '{' ? '}' : ']';
        int object = *p == '{';
        p = skip_ws(p + 1, end);
        if (p < end && *p == close) {
            return p + 1;
        }
        for (;;) {
            if (object) {
                p = read_string(skip_ws(p, end), end, NULL);
                if (!p) {
                    return NULL;
                }
                p = skip_ws(p, end);
                if (p >= end || *p != ':') {
                    return NULL;
                }
                p++;
            }
            p = skip_ws(skip_value(p, end, depth + 1), end);
            if (!p || p >= end) {
                return NULL;
            }
            if (*p == close) {
                return p + 1;
            }
            if (*p != ',') {
                return NULL;
            }
            p++;
        }
    }
    /* number, true, false, null */
    const char *start = p;
    while (p < end && strchr("+-.0123456789eEtrufalsn", *p) && *p != '\0') {
        p++;
    }
    return p > start ? p : NULL;
}

/*
 * Calls visit(key, value start, value end, ctx) for each member of the top-level object in [p, end).
 * Returns 0 when the whole document is one well-formed object, -1 otherwise.
 */
typedef void (*member_fn)(const char *key, const char *value, const char *value_end, void *ctx);

static int each_member(const char *p, const char *end, member_fn visit, void *ctx) {
    p = skip_ws(p, end);
    if (p >= end || *p != '{') {
        return -1;
    }
    p = skip_ws(p + 1, end);
    if (p < end && *p == '}') {
        return skip_ws(p + 1, end) == end ? 0 : -1;
    }
    for (;;) {
        struct buf key = {0};
        p = read_string(skip_ws(p, end), end, &key);
        if (!p) {
            free(key.data);
            return -1;
        }
        p = skip_ws(p, end);
        if (p >= end || *p != ':') {
            free(key.data);
            return -1;
        }
        const char *value = skip_ws(p + 1, end);
        const char *value_end = skip_value(value, end, 1);
        if (!value_end) {
            free(key.data);
            return -1;
        }
        visit(key.data ? key.data : "", value, value_end, ctx);
        free(key.data);
        p = skip_ws(value_end, end);
        if (p >= end) {
            return -1;
        }
        if (*p == '}') {
            return skip_ws(p + 1, end) == end ? 0 : -1;
        }
        if (*p != ',') {
            return -1;
        }
        p++;
    }
}

/* ---- the netconf: where the agent listens ---- */

struct socket_choice {
    struct buf path; /* empty: the default */
    int unusable;    /* "agent_socket" present but not a string */
};

static void pick_socket(const char *key, const char *value, const char *value_end, void *ctx) {
    struct socket_choice *c = ctx;
    if (strcmp(key, "agent_socket") != 0) {
        return;
    }
    c->path.len = 0;
    if (*value != '"' || read_string(value, value_end, &c->path) != value_end) {
        c->unusable = 1;
    }
}

/* ---- the agent's answer ---- */

struct answer {
    int ok;
    int fallback;
    int has_exit;
    int exit_code;
    struct buf out;
    struct buf err;
};

static void take_answer(const char *key, const char *value, const char *value_end, void *ctx) {
    struct answer *a = ctx;
    if (strcmp(key, "ok") == 0) {
        a->ok = value_end - value == 4 && strncmp(value, "true", 4) == 0;
    } else if (strcmp(key, "fallback") == 0) {
        a->fallback = value_end - value == 4 && strncmp(value, "true", 4) == 0;
    } else if (strcmp(key, "exit") == 0) {
        char *stop;
        long v = strtol(value, &stop, 10);
        if (stop == value_end && v >= 0 && v <= 255) {
            a->has_exit = 1;
            a->exit_code = (int)v;
        }
    } else if (strcmp(key, "stdout") == 0 && *value == '"') {
        read_string(value, value_end, &a->out);
    } else if (strcmp(key, "stderr") == 0 && *value == '"') {
        read_string(value, value_end, &a->err);
    }
}

/* ---- the slow path ---- */

/* Runs the JVM plugin in our place with the stdin we already consumed, put back through a memfd. */
static void exec_jvm(char **argv, const struct buf *in, const char *why) {
    const char *launcher = getenv("BRINDLE_LAUNCHER");
    if (getenv("BRINDLE_SHIM_DEBUG")) {
        fprintf(stderr, "brindle-shim: running the JVM plugin: %s\n", why);
    }
    if (!launcher || !*launcher) {
        fprintf(stdout, "{\"code\":999,\"msg\":\"brindle-shim: %s, and BRINDLE_LAUNCHER is not set\"}\n", why);
        exit(1);
    }
    int fd = memfd_create("brindle-stdin", 0);
    if (fd < 0 || (in->len && write(fd, in->data, in->len) != (ssize_t)in->len) || lseek(fd, 0, SEEK_SET) < 0
            || dup2(fd, 0) < 0) {
        fprintf(stdout, "{\"code\":5,\"msg\":\"brindle-shim: cannot hand stdin to %s: %s\"}\n", launcher,
                strerror(errno));
        exit(1);
    }
    close(fd);
    setenv("BRINDLE_SHIM", "off", 1);
    execv(launcher, argv);
    fprintf(stdout, "{\"code\":5,\"msg\":\"brindle-shim: cannot exec %s: %s\"}\n", launcher, strerror(errno));
    exit(1);
}

static int connect_agent(const char *path) {
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof addr.sun_path) {
        return -1;
    }
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -1;
    }
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        close(fd);
        return -1;
    }
    struct timeval tv = {.tv_sec = ANSWER_TIMEOUT_SECONDS};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

/* "<st_dev>:<st_ino>" of path, "" when it cannot be stat'ed: how the agent tells it sees the same file. */
static void file_identity(const char *path, char *out, size_t n) {
    struct stat st;
    out[0] = '\0';
    if (path && *path && stat(path, &st) == 0) {
        snprintf(out, n, "%llu:%llu", (unsigned long long)st.st_dev, (unsigned long long)st.st_ino);
    }
}

static void build_request(struct buf *req, const struct buf *in) {
    char netns[64];
    char pod_netns[64];
    file_identity("/proc/self/ns/net", netns, sizeof netns);
    file_identity(getenv("CNI_NETNS"), pod_netns, sizeof pod_netns);
    buf_puts(req, "{\"op\":\"cni\",\"netns\":");
    buf_put_json_string(req, netns, strlen(netns));
    buf_puts(req, ",\"podNetns\":");
    buf_put_json_string(req, pod_netns, strlen(pod_netns));
    buf_puts(req, ",\"env\":{");
    int first = 1;
    for (char **e = environ; *e; e++) {
        const char *eq = strchr(*e, '=');
        if (strncmp(*e, "CNI_", 4) != 0 || !eq) {
            continue;
        }
        if (!first) {
            buf_puts(req, ",");
        }
        first = 0;
        buf_put_json_string(req, *e, (size_t)(eq - *e));
        buf_puts(req, ":");
        buf_put_json_string(req, eq + 1, strlen(eq + 1));
    }
    buf_puts(req, "},\"stdin\":");
    buf_put_json_string(req, in->data ? in->data : "", in->len);
    buf_puts(req, "}\n");
}

static int write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* The agent went away after taking the call: the runtime should try again (CNI error 11, "try again later"). */
static int try_later(const char *socket_path, const char *what) {
    printf("{\"code\":11,\"msg\":\"the brindle node agent at %s %s; try again later\"}\n", socket_path, what);
    fprintf(stderr, "brindle: error 11: the brindle node agent at %s %s\n", socket_path, what);
    return 1;
}

int main(int argc, char **argv) {
    (void)argc;
    struct buf in = {0};
    if (read_all(0, &in) < 0) {
        exec_jvm(argv, &in, "stdin unreadable or larger than 8 MiB");
    }
    struct socket_choice choice = {0};
    const char *end = in.data ? in.data + in.len : NULL;
    if (!in.data || each_member(in.data, end, pick_socket, &choice) < 0 || choice.unusable) {
        exec_jvm(argv, &in, "the network configuration is not a JSON object this shim can read");
    }
    const char *socket_path = choice.path.len ? choice.path.data : DEFAULT_SOCKET;
    int fd = connect_agent(socket_path);
    if (fd < 0) {
        exec_jvm(argv, &in, "no node agent listens on the agent socket");
    }
    struct buf req = {0};
    build_request(&req, &in);
    if (write_all(fd, req.data, req.len) < 0) {
        exec_jvm(argv, &in, "the node agent closed the socket before reading the call");
    }
    shutdown(fd, SHUT_WR);
    struct buf raw = {0};
    if (read_all(fd, &raw) < 0) {
        return try_later(socket_path, errno == EAGAIN ? "did not answer in time" : "broke the connection");
    }
    close(fd);
    if (raw.len == 0) {
        return try_later(socket_path, "closed the connection without an answer");
    }
    struct answer a = {0};
    if (each_member(raw.data, raw.data + raw.len, take_answer, &a) < 0) {
        return try_later(socket_path, "sent an answer that is not JSON");
    }
    if (!a.ok || a.fallback || !a.has_exit) {
        /* An agent that does not serve this call (older, another netns, a netns path it cannot see). */
        exec_jvm(argv, &in, "the node agent declined the call");
    }
    if (write_all(1, a.out.data ? a.out.data : "", a.out.len) < 0) {
        return 1;
    }
    write_all(2, a.err.data ? a.err.data : "", a.err.len);
    return a.exit_code;
}
