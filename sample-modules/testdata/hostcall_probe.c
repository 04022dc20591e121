/*
 * hostcall_probe: a filter whose callbacks make exactly the hostcalls a script names, so a test can
 * place any call, with any arguments, at any point of a stream (C, clang-14, wasm32-wasi reactor).
 * It drives the hostcall status tests and the edge-of-memory sweep. The host's trace records each
 * hostcall with its status, so the probe itself reports nothing.
 *
 * The script is one call per line:
 *
 *   <callback>: <hostcall> <argument>...      e.g.  request_headers: proxy_get_header_map_value 0 "x-missing" out out
 *   <callback>: return <n>                    what the callback returns (default 0 = Continue, and
 *                                             1 = true for vm_start, configure and done)
 *
 * Blank lines and lines starting with '#' are skipped. The VM configuration is read in
 * proxy_on_vm_start and the plugin configuration in proxy_on_configure; each is added to the
 * script, so `vm_start:` lines belong in the VM configuration.
 *
 * Callbacks: vm_start configure tick create (a stream context) request_headers request_body
 * request_trailers response_headers response_body response_trailers log done http_call_response
 * grpc_initial_metadata grpc_message grpc_trailing_metadata grpc_close queue_ready foreign_function,
 * and for a network (TCP) filter new_connection downstream_data upstream_data downstream_close
 * upstream_close
 *
 * Arguments (a hostcall argument is an i32, or an i64 for the metric value):
 *   123  0x7f  -1       an integer (4294967295 = 0xffffffff = 2^32-1, 0x80000000 = 2^31)
 *   "text"              a string placed in guest memory; it becomes two arguments, ptr and len.
 *                       Escapes: \n \t \0 \" \\ and \xHH (serialized maps, property paths)
 *   out   out:name      a fresh zeroed 8-byte scratch slot, as a pointer; `name` keeps it for $name
 *   $name               the u32 the host wrote at slot `name` (a token, an id, a returned ptr or len)
 *   end  end-N  end+N   the memory size in bytes when the call is made, minus or plus N
 *   arg0 .. arg4        the callback's own arguments (arg0 is the context id)
 *
 * Every env function the host links is imported (HOSTCALLS below), so the sweep can reach all of
 * them; a test checks that this list and the host's catalog agree.
 */
#include <stdbool.h>
#include <string.h>

#include "../sdk/c/proxy_wasm.h"

PROXY_WASM_DEFINE_ALLOCATOR

/* ---- every hostcall, imported with i32 parameters, and a table to call them by name ---------- */

#define HOSTCALLS(X)                         \
  X(proxy_log, 3)                            \
  X(proxy_get_log_level, 1)                  \
  X(proxy_get_current_time_nanoseconds, 1)   \
  X(proxy_set_tick_period_milliseconds, 1)   \
  X(proxy_set_effective_context, 1)          \
  X(proxy_done, 0)                           \
  X(proxy_call_foreign_function, 6)          \
  X(proxy_get_buffer_bytes, 5)               \
  X(proxy_set_buffer_bytes, 5)               \
  X(proxy_get_buffer_status, 3)              \
  X(proxy_get_configuration, 2)              \
  X(proxy_get_header_map_pairs, 3)           \
  X(proxy_set_header_map_pairs, 3)           \
  X(proxy_get_header_map_size, 2)            \
  X(proxy_get_header_map_value, 5)           \
  X(proxy_add_header_map_value, 5)           \
  X(proxy_replace_header_map_value, 5)       \
  X(proxy_remove_header_map_value, 3)        \
  X(proxy_continue_stream, 1)                \
  X(proxy_close_stream, 1)                   \
  X(proxy_continue_request, 0)               \
  X(proxy_continue_response, 0)              \
  X(proxy_clear_route_cache, 0)              \
  X(proxy_send_local_response, 8)            \
  X(proxy_get_status, 3)                     \
  X(proxy_http_call, 10)                     \
  X(proxy_grpc_call, 12)                     \
  X(proxy_grpc_stream, 9)                    \
  X(proxy_grpc_send, 4)                      \
  X(proxy_grpc_cancel, 1)                    \
  X(proxy_grpc_close, 1)                     \
  X(proxy_get_shared_data, 5)                \
  X(proxy_set_shared_data, 5)                \
  X(proxy_register_shared_queue, 3)          \
  X(proxy_resolve_shared_queue, 5)           \
  X(proxy_enqueue_shared_queue, 3)           \
  X(proxy_dequeue_shared_queue, 3)           \
  X(proxy_define_metric, 4)                  \
  X(proxy_get_metric, 2)                     \
  X(proxy_get_property, 4)                   \
  X(proxy_set_property, 4)                   \
  X(pthread_equal, 2)                        \
  X(envoy_resolve_dns, 3)

typedef uint32_t u32;
#define P0 void
#define P1 u32
#define P2 u32, u32
#define P3 u32, u32, u32
#define P4 u32, u32, u32, u32
#define P5 P4, u32
#define P6 P4, u32, u32
#define P8 P4, P4
#define P9 P8, u32
#define P10 P8, u32, u32
#define P12 P8, P4

#define DECLARE(name, n) PROXY_IMPORT(#name) u32 raw_##name(P##n);
HOSTCALLS(DECLARE)
/* The three that are not (i32...) -> i32. */
PROXY_IMPORT("proxy_increment_metric") u32 raw_proxy_increment_metric(u32, int64_t);
PROXY_IMPORT("proxy_record_metric") u32 raw_proxy_record_metric(u32, int64_t);
PROXY_IMPORT("emscripten_notify_memory_growth") void raw_emscripten_notify_memory_growth(u32);
PROXY_IMPORT("abort") void raw_abort(u32, u32, u32, u32); /* AssemblyScript's: always traps */

enum { ALL_I32, I32_I64, VOID };
typedef void (*any_fn)(void);
static const struct hostcall {
  const char *name;
  int arity;
  int shape;
  any_fn fn;
} TABLE[] = {
#define ENTRY(name, n) {#name, n, ALL_I32, (any_fn)raw_##name},
    HOSTCALLS(ENTRY)
    {"proxy_increment_metric", 2, I32_I64, (any_fn)raw_proxy_increment_metric},
    {"proxy_record_metric", 2, I32_I64, (any_fn)raw_proxy_record_metric},
    {"emscripten_notify_memory_growth", 1, VOID, (any_fn)raw_emscripten_notify_memory_growth},
    {"abort", 4, VOID, (any_fn)raw_abort},
};
#define TABLE_SIZE (int)(sizeof TABLE / sizeof TABLE[0])

/* Calls h with a[0..arity), cast back to its real type (call_indirect checks the type). */
static void invoke(const struct hostcall *h, const uint64_t *a) {
#define A(i) (u32) a[i]
  if (h->shape == I32_I64) {
    ((u32(*)(u32, int64_t))h->fn)(A(0), (int64_t)a[1]);
    return;
  }
  if (h->shape == VOID) {
    if (h->arity == 1) ((void (*)(u32))h->fn)(A(0));
    else ((void (*)(P4))h->fn)(A(0), A(1), A(2), A(3));
    return;
  }
  switch (h->arity) {
    case 0: ((u32(*)(P0))h->fn)(); break;
    case 1: ((u32(*)(P1))h->fn)(A(0)); break;
    case 2: ((u32(*)(P2))h->fn)(A(0), A(1)); break;
    case 3: ((u32(*)(P3))h->fn)(A(0), A(1), A(2)); break;
    case 4: ((u32(*)(P4))h->fn)(A(0), A(1), A(2), A(3)); break;
    case 5: ((u32(*)(P5))h->fn)(A(0), A(1), A(2), A(3), A(4)); break;
    case 6: ((u32(*)(P6))h->fn)(A(0), A(1), A(2), A(3), A(4), A(5)); break;
    case 8: ((u32(*)(P8))h->fn)(A(0), A(1), A(2), A(3), A(4), A(5), A(6), A(7)); break;
    case 9: ((u32(*)(P9))h->fn)(A(0), A(1), A(2), A(3), A(4), A(5), A(6), A(7), A(8)); break;
    case 10:
      ((u32(*)(P10))h->fn)(A(0), A(1), A(2), A(3), A(4), A(5), A(6), A(7), A(8), A(9));
      break;
    case 12:
      ((u32(*)(P12))h->fn)(A(0), A(1), A(2), A(3), A(4), A(5), A(6), A(7), A(8), A(9), A(10),
                           A(11));
      break;
  }
#undef A
}

/* ---- the script ------------------------------------------------------------------------------ */

static const char *const CALLBACKS[] = {
    "vm_start",         "configure",       "tick",
    "create",           "request_headers", "request_body",
    "request_trailers", "response_headers", "response_body",
    "response_trailers", "log",            "done",
    "http_call_response", "grpc_initial_metadata", "grpc_message",
    "grpc_trailing_metadata", "grpc_close", "queue_ready",
    "foreign_function", "new_connection", "downstream_data",
    "upstream_data",    "downstream_close", "upstream_close"};
enum {
  VM_START, CONFIGURE, TICK, CREATE, REQUEST_HEADERS, REQUEST_BODY, REQUEST_TRAILERS,
  RESPONSE_HEADERS, RESPONSE_BODY, RESPONSE_TRAILERS, LOG, DONE, HTTP_CALL_RESPONSE,
  GRPC_INITIAL_METADATA, GRPC_MESSAGE, GRPC_TRAILING_METADATA, GRPC_CLOSE, QUEUE_READY,
  FOREIGN_FUNCTION, NEW_CONNECTION, DOWNSTREAM_DATA, UPSTREAM_DATA, DOWNSTREAM_CLOSE,
  UPSTREAM_CLOSE, CALLBACK_COUNT
};

#define MAX_ARGS 16
enum { CONSTANT, SLOT_VALUE, END_PLUS, CALLBACK_ARG }; /* how an argument is evaluated */
struct arg {
  int kind;
  int64_t value; /* the constant, the slot's address, the offset from end, the arg index */
};
struct line {
  int callback;
  const struct hostcall *call;
  int argc;
  struct arg args[MAX_ARGS];
  struct line *next;
};

static struct line *script, **script_end = &script;
static uint32_t results[CALLBACK_COUNT] = {[VM_START] = 1, [CONFIGURE] = 1, [DONE] = 1};
static uint64_t callback_args[5];

/* Named scratch slots (out:name / $name), created on first use. */
static struct {
  char name[16];
  uint32_t *slot;
} slots[32];

static uint32_t *slot_named(const char *name, size_t n) {
  for (int i = 0; i < 32 && n < sizeof slots[i].name; i++) {
    if (slots[i].slot == NULL) {
      memcpy(slots[i].name, name, n);
      slots[i].slot = calloc(2, sizeof(uint32_t));
      return slots[i].slot;
    }
    if (strlen(slots[i].name) == n && memcmp(slots[i].name, name, n) == 0) return slots[i].slot;
  }
  return NULL;
}

static void complain(const char *what, const char *at, size_t n) {
  char message[200] = "hostcall_probe: ";
  strncat(message, what, 60);
  strncat(message, ": ", 3);
  strncat(message, at, n < 100 ? n : 100);
  raw_proxy_log(LOG_ERROR, (u32)message, strlen(message));
}

static int hex(char c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decodes the string literal at p (after the opening quote) into guest memory; returns the end. */
static const char *string_literal(const char *p, const char *end, struct line *l) {
  char *out = malloc((size_t)(end - p) + 1), *w = out;
  for (; p < end && *p != '"'; p++) {
    if (*p != '\\' || p + 1 >= end) {
      *w++ = *p;
      continue;
    }
    switch (*++p) {
      case 'n': *w++ = '\n'; break;
      case 't': *w++ = '\t'; break;
      case '0': *w++ = 0; break;
      case 'x':
        if (p + 2 < end && hex(p[1]) >= 0 && hex(p[2]) >= 0) {
          *w++ = (char)(hex(p[1]) * 16 + hex(p[2]));
          p += 2;
        }
        break;
      default: *w++ = *p; /* \" and \\ */
    }
  }
  l->args[l->argc++] = (struct arg){CONSTANT, (u32)out};
  l->args[l->argc++] = (struct arg){CONSTANT, w - out};
  return p < end ? p + 1 : p;
}

static bool integer(const char *t, size_t n, int64_t *out) {
  bool negative = n > 0 && t[0] == '-';
  size_t i = negative ? 1 : 0;
  int base = n > i + 2 && t[i] == '0' && (t[i + 1] == 'x' || t[i + 1] == 'X') ? 16 : 10;
  if (base == 16) i += 2;
  if (i >= n) return false;
  uint64_t v = 0;
  for (; i < n; i++) {
    int d = hex(t[i]);
    if (d < 0 || d >= base) return false;
    v = v * (uint64_t)base + (uint64_t)d;
  }
  *out = negative ? -(int64_t)v : (int64_t)v;
  return true;
}

/* One bare word: an integer, out, out:name, $name, end[+-N] or argN. */
static bool word(const char *t, size_t n, struct line *l) {
  struct arg a = {CONSTANT, 0};
  if (n == 3 && memcmp(t, "out", 3) == 0) {
    a.value = (u32)calloc(2, sizeof(uint32_t));
  } else if (n > 4 && memcmp(t, "out:", 4) == 0) {
    uint32_t *slot = slot_named(t + 4, n - 4);
    if (slot == NULL) return false; /* more than 32 names, or a name over 15 characters */
    a.value = (u32)slot;
  } else if (n > 1 && t[0] == '$') {
    uint32_t *slot = slot_named(t + 1, n - 1);
    if (slot == NULL) return false;
    a = (struct arg){SLOT_VALUE, (u32)slot};
  } else if (n >= 3 && memcmp(t, "end", 3) == 0) {
    a.kind = END_PLUS;
    if (n > 3 && !integer(t + (t[3] == '+' ? 4 : 3), n - (t[3] == '+' ? 4 : 3), &a.value)) {
      return false;
    }
  } else if (n == 4 && memcmp(t, "arg", 3) == 0 && t[3] >= '0' && t[3] <= '4') {
    a = (struct arg){CALLBACK_ARG, t[3] - '0'};
  } else if (!integer(t, n, &a.value)) {
    return false;
  }
  l->args[l->argc++] = a;
  return true;
}

static const char *skip_blanks(const char *p, const char *end) {
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r')) p++;
  return p;
}

static const char *token_end(const char *p, const char *end) {
  while (p < end && *p != ' ' && *p != '\t' && *p != '\r') p++;
  return p;
}

/* Parses `<callback>: <hostcall or return> <argument>...` (p..end, one line). */
static void parse_line(const char *p, const char *end) {
  const char *start = p;
#define FAIL(what)                                      \
  do {                                                  \
    complain(what, start, (size_t)(end - start));       \
    return;                                             \
  } while (0)
  p = skip_blanks(p, end);
  if (p == end || *p == '#') return;
  const char *colon = memchr(p, ':', (size_t)(end - p));
  int callback = -1;
  for (int i = 0; colon && i < CALLBACK_COUNT; i++) {
    size_t n = strlen(CALLBACKS[i]);
    if ((size_t)(colon - p) == n && memcmp(p, CALLBACKS[i], n) == 0) callback = i;
  }
  if (callback < 0) FAIL("unknown callback");
  p = skip_blanks(colon + 1, end);
  const char *name_end = token_end(p, end);
  size_t n = (size_t)(name_end - p);
  if (n == 6 && memcmp(p, "return", 6) == 0) {
    int64_t v = 0;
    p = skip_blanks(name_end, end);
    if (!integer(p, (size_t)(token_end(p, end) - p), &v)) FAIL("bad return value");
    results[callback] = (uint32_t)v;
    return;
  }
  struct line *l = calloc(1, sizeof *l);
  l->callback = callback;
  for (int i = 0; i < TABLE_SIZE; i++) {
    if (strlen(TABLE[i].name) == n && memcmp(p, TABLE[i].name, n) == 0) l->call = &TABLE[i];
  }
  if (l->call == NULL) FAIL("unknown hostcall");
  for (p = skip_blanks(name_end, end); p < end; p = skip_blanks(p, end)) {
    if (l->argc > MAX_ARGS - 2) FAIL("too many arguments");
    if (*p == '"') {
      p = string_literal(p + 1, end, l);
    } else {
      const char *e = token_end(p, end);
      if (!word(p, (size_t)(e - p), l)) FAIL("bad argument");
      p = e;
    }
  }
  if (l->argc != l->call->arity) FAIL("wrong number of arguments");
  *script_end = l;
  script_end = &l->next;
#undef FAIL
}

/* Adds buffer `type` (the VM or plugin configuration, `size` bytes) to the script. */
static void read_script(uint32_t type, uint32_t size) {
  char *data = NULL;
  size_t len = 0;
  if (size == 0 || raw_proxy_get_buffer_bytes(type, 0, size, (u32)&data, (u32)&len) != PROXY_OK) {
    return;
  }
  for (const char *p = data, *end = data + len; p < end;) {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (eol == NULL) eol = end;
    parse_line(p, eol);
    p = eol + 1;
  }
  free(data);
}

/* Makes the calls of `callback` in script order and returns what it should answer. */
static uint32_t run(int callback, u32 a0, u32 a1, u32 a2, u32 a3, u32 a4) {
  callback_args[0] = a0, callback_args[1] = a1, callback_args[2] = a2;
  callback_args[3] = a3, callback_args[4] = a4;
  for (struct line *l = script; l; l = l->next) {
    if (l->callback != callback) continue;
    uint64_t values[MAX_ARGS];
    for (int i = 0; i < l->argc; i++) {
      const struct arg *a = &l->args[i];
      switch (a->kind) {
        case CONSTANT: values[i] = (uint64_t)a->value; break;
        case SLOT_VALUE: values[i] = *(uint32_t *)(u32)a->value; break;
        case END_PLUS:
          values[i] = __builtin_wasm_memory_size(0) * 65536ull + (uint64_t)a->value;
          break;
        case CALLBACK_ARG: values[i] = callback_args[a->value]; break;
      }
    }
    invoke(l->call, values);
  }
  return results[callback];
}

/* ---- callbacks: each runs its part of the script -------------------------------------------- */

PROXY_EXPORT("proxy_on_vm_start") u32 on_vm_start(u32 ctx, u32 size) {
  read_script(BUFFER_VM_CONFIGURATION, size);
  return run(VM_START, ctx, size, 0, 0, 0);
}
PROXY_EXPORT("proxy_on_configure") u32 on_configure(u32 ctx, u32 size) {
  read_script(BUFFER_PLUGIN_CONFIGURATION, size);
  return run(CONFIGURE, ctx, size, 0, 0, 0);
}
PROXY_EXPORT("proxy_on_context_create") void on_create(u32 ctx, u32 parent) {
  if (parent != 0) run(CREATE, ctx, parent, 0, 0, 0);
}
PROXY_EXPORT("proxy_on_tick") void on_tick(u32 ctx) { run(TICK, ctx, 0, 0, 0, 0); }
PROXY_EXPORT("proxy_on_request_headers") u32 on_request_headers(u32 ctx, u32 n, u32 eos) {
  return run(REQUEST_HEADERS, ctx, n, eos, 0, 0);
}
PROXY_EXPORT("proxy_on_request_body") u32 on_request_body(u32 ctx, u32 size, u32 eos) {
  return run(REQUEST_BODY, ctx, size, eos, 0, 0);
}
PROXY_EXPORT("proxy_on_request_trailers") u32 on_request_trailers(u32 ctx, u32 n) {
  return run(REQUEST_TRAILERS, ctx, n, 0, 0, 0);
}
PROXY_EXPORT("proxy_on_response_headers") u32 on_response_headers(u32 ctx, u32 n, u32 eos) {
  return run(RESPONSE_HEADERS, ctx, n, eos, 0, 0);
}
PROXY_EXPORT("proxy_on_response_body") u32 on_response_body(u32 ctx, u32 size, u32 eos) {
  return run(RESPONSE_BODY, ctx, size, eos, 0, 0);
}
PROXY_EXPORT("proxy_on_response_trailers") u32 on_response_trailers(u32 ctx, u32 n) {
  return run(RESPONSE_TRAILERS, ctx, n, 0, 0, 0);
}
PROXY_EXPORT("proxy_on_log") void on_log(u32 ctx) { run(LOG, ctx, 0, 0, 0, 0); }
PROXY_EXPORT("proxy_on_done") u32 on_done(u32 ctx) { return run(DONE, ctx, 0, 0, 0, 0); }
PROXY_EXPORT("proxy_on_http_call_response")
void on_http_call_response(u32 ctx, u32 token, u32 headers, u32 body_size, u32 trailers) {
  run(HTTP_CALL_RESPONSE, ctx, token, headers, body_size, trailers);
}
PROXY_EXPORT("proxy_on_grpc_receive_initial_metadata")
void on_grpc_initial_metadata(u32 ctx, u32 token, u32 n) {
  run(GRPC_INITIAL_METADATA, ctx, token, n, 0, 0);
}
PROXY_EXPORT("proxy_on_grpc_receive") void on_grpc_message(u32 ctx, u32 token, u32 size) {
  run(GRPC_MESSAGE, ctx, token, size, 0, 0);
}
PROXY_EXPORT("proxy_on_grpc_receive_trailing_metadata")
void on_grpc_trailing_metadata(u32 ctx, u32 token, u32 n) {
  run(GRPC_TRAILING_METADATA, ctx, token, n, 0, 0);
}
PROXY_EXPORT("proxy_on_grpc_close") void on_grpc_close(u32 ctx, u32 token, u32 status) {
  run(GRPC_CLOSE, ctx, token, status, 0, 0);
}
PROXY_EXPORT("proxy_on_queue_ready") void on_queue_ready(u32 ctx, u32 queue) {
  run(QUEUE_READY, ctx, queue, 0, 0, 0);
}
PROXY_EXPORT("proxy_on_foreign_function") void on_foreign_function(u32 ctx, u32 id, u32 size) {
  run(FOREIGN_FUNCTION, ctx, id, size, 0, 0);
}
PROXY_EXPORT("proxy_on_new_connection") u32 on_new_connection(u32 ctx) {
  return run(NEW_CONNECTION, ctx, 0, 0, 0, 0);
}
PROXY_EXPORT("proxy_on_downstream_data") u32 on_downstream_data(u32 ctx, u32 size, u32 eos) {
  return run(DOWNSTREAM_DATA, ctx, size, eos, 0, 0);
}
PROXY_EXPORT("proxy_on_upstream_data") u32 on_upstream_data(u32 ctx, u32 size, u32 eos) {
  return run(UPSTREAM_DATA, ctx, size, eos, 0, 0);
}
PROXY_EXPORT("proxy_on_downstream_connection_close")
void on_downstream_close(u32 ctx, u32 peer) {
  run(DOWNSTREAM_CLOSE, ctx, peer, 0, 0, 0);
}
PROXY_EXPORT("proxy_on_upstream_connection_close") void on_upstream_close(u32 ctx, u32 peer) {
  run(UPSTREAM_CLOSE, ctx, peer, 0, 0, 0);
}
