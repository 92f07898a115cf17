/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-hub-listener"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "charta-hub-listener.h"

#define SWEEP_MS 250
#define MAX_ACCEPTS_PER_WAKEUP 64
#define LOG_EVERY_US (10 * G_USEC_PER_SEC)
#define BACKOFF_MS 100

typedef enum {
  CONN_HEADERS,       /* waiting for a request's headers (or the TLS hello) */
  CONN_BODY,          /* reading a request's body */
  CONN_ANSWERING,     /* the request is read; the hub answers */
  CONN_DONE,          /* answered: libsoup closes it, or the hub takes it back to keep it alive */
  CONN_IDLE,          /* kept alive between requests: held by the hub, not libsoup */
  CONN_CLOSING,       /* shut down by the hub; libsoup has yet to notice */
} ConnState;

typedef struct {
  ChartaHubListener *listener;
  GSocket *socket;
  GIOStream *stream;         /* what libsoup reads: the TCP connection or TLS over it (a weak pointer) */
  GSocketAddress *remote;    /* libsoup's remote address for it; its qdata points back here */
  GSocketAddress *local;
  char *address;             /* the remote IP address, as text */
  ConnState state;
  gint64 deadline;           /* monotonic µs; 0: none */
  guint requests;            /* requests read on it */
  SoupServerMessage *answered; /* the request just answered, until the hub takes the connection back */
  GIOStream *held;           /* CONN_IDLE: the hub's own reference to the stream */
  GSource *watch;            /* CONN_IDLE: the next request's first byte (or the client closing) */
  gboolean in_soup;          /* CONN_IDLE, plain HTTP: libsoup waits for the next request, the hub watches */
  GSource *win_back;         /* in_soup, with the fast path: an idle taking it back from libsoup (win_back_cb) */
  struct _FastWrite *writing; /* the rest of a fast answer being written */
  gboolean close_after;      /* a fast answer to Connection: close: closed once written */
} Conn;

/* The rest of a fast answer the socket did not take at once: references to the kept
 * answer's pieces (a copy of those that have none: the Date), not a copy of it. */
typedef struct _FastWrite {
  Conn *conn;                /* NULL once the connection is gone */
  GOutputVector vectors[CHARTA_HUB_FAST_PARTS];
  GBytes *held[CHARTA_HUB_FAST_PARTS];
  guint n;
} FastWrite;

struct _ChartaHubListener {
  SoupServer *soup;          /* borrowed */
  GSocket *socket;
  GSocket *keepalive_socket;
  GSource *source;
  guint sweep_id;
  guint backoff_id;
  GTlsCertificate *certificate;
  ChartaHubLimits limits;
  int reserve_fd;            /* /dev/null, closed to make room for one accept() when out of descriptors */
  GHashTable *conns;         /* Conn* set */
  GHashTable *per_address;   /* address → count */
  GPtrArray *answered;       /* Conn* whose request was answered, to be taken back from libsoup */
  guint take_back_id;
  ChartaHubListenerStats stats;
  gint64 last_shed_log;
  gint64 last_busy_log;
  ChartaHubFastFunc fast_func;
  gpointer fast_data;
};

static void attach_source (ChartaHubListener *self);

static GQuark
conn_quark (void)
{
  return g_quark_from_static_string ("charta-hub-conn");
}

/* ---- connections ---- */

static Conn *
conn_of_message (SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  return remote ? g_object_get_qdata (G_OBJECT (remote), conn_quark ()) : NULL;
}

static void
conn_set_state (Conn *conn, ConnState state, guint seconds)
{
  if (conn->state == CONN_CLOSING)
    return;
  conn->state = state;
  conn->deadline = seconds ? g_get_monotonic_time () + seconds * G_USEC_PER_SEC : 0;
}

static void conn_free (Conn *conn);

static void
clear_win_back (Conn *conn)
{
  if (conn->win_back != NULL)
    g_source_destroy (conn->win_back);
  g_clear_pointer (&conn->win_back, g_source_unref);
}

/* Takes the connection of @msg from libsoup, and drops libsoup's stream on it (which does
 * not close the hub's). */
static void
steal_from_soup (SoupServerMessage *msg)
{
  GIOStream *stolen = soup_server_message_steal_connection (msg);

  g_clear_object (&stolen);
}

/* libsoup dropped the connection: it is released at once, so a client that connects
 * again and again is not held back by the caps. */
static void
stream_gone_cb (gpointer data, GObject *where_the_object_was)
{
  Conn *conn = data;

  conn->stream = NULL;
  g_hash_table_remove (conn->listener->conns, conn);
  conn_free (conn);
}

static void
conn_free (Conn *conn)
{
  ChartaHubListener *self = conn->listener;
  gboolean in_soup;
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_address, conn->address));

  if (n <= 1)
    g_hash_table_remove (self->per_address, conn->address);
  else
    g_hash_table_insert (self->per_address, g_strdup (conn->address), GUINT_TO_POINTER (n - 1));
  self->stats.open--;
  g_ptr_array_remove_fast (self->answered, conn);
  if (conn->writing != NULL)
    conn->writing->conn = NULL;
  g_object_set_qdata (G_OBJECT (conn->remote), conn_quark (), NULL);
  /* Idle in libsoup: taken from it (after the weak reference is gone: the stream may go
   * with it), or libsoup would keep it for ever. */
  in_soup = conn->in_soup && conn->answered != NULL && conn->stream != NULL && !g_io_stream_is_closed (conn->stream);
  if (conn->stream != NULL)
    g_object_weak_unref (G_OBJECT (conn->stream), stream_gone_cb, conn);
  if (in_soup)
    steal_from_soup (conn->answered);
  g_socket_close (conn->socket, NULL);
  clear_win_back (conn);
  if (conn->watch != NULL)
    g_source_destroy (conn->watch);
  g_clear_pointer (&conn->watch, g_source_unref);
  /* Its socket is closed: releasing these closes nothing more (a TLS close_notify fails at once). */
  g_clear_object (&conn->answered);
  g_clear_object (&conn->held);
  g_clear_object (&conn->socket);
  g_clear_object (&conn->remote);
  g_clear_object (&conn->local);
  g_free (conn->address);
  g_free (conn);
}

/* Shutting the socket down, rather than closing it, wakes libsoup with an end of file on
 * whatever it waits for (headers, body, TLS hello), and libsoup then closes the
 * connection itself, its state consistent. */
static void
conn_time_out (Conn *conn)
{
  conn->listener->stats.timed_out++;
  g_debug ("closing a connection from %s: too slow (state %d)", conn->address, conn->state);
  g_socket_shutdown (conn->socket, TRUE, TRUE, NULL);
  conn->state = CONN_CLOSING;
  conn->deadline = 0;
}

static gboolean
sweep_cb (gpointer user_data)
{
  ChartaHubListener *self = user_data;
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  Conn *conn;

  g_hash_table_iter_init (&iter, self->conns);
  while (g_hash_table_iter_next (&iter, (gpointer *) &conn, NULL))
    {
      /* An idle connection is the hub's alone: closed here, at its idle timeout. */
      if (g_io_stream_is_closed (conn->stream) || (conn->state == CONN_IDLE && now >= conn->deadline))
        {
          if (conn->state == CONN_IDLE && !g_io_stream_is_closed (conn->stream))
            self->stats.idle_closed++;
          g_hash_table_iter_remove (&iter);
          conn_free (conn);
        }
      else if (conn->deadline != 0 && now >= conn->deadline)
        conn_time_out (conn);
    }
  return G_SOURCE_CONTINUE;
}

/* ---- libsoup's signals: where each connection is in its request ---- */

static void
on_got_headers_cb (SoupServerMessage *msg, ChartaHubListener *self)
{
  Conn *conn = conn_of_message (msg);

  if (conn == NULL)
    return;
  conn_set_state (conn, CONN_BODY, self->limits.body_timeout);
  /* The last request a connection may carry: libsoup closes it after the answer. */
  if (++conn->requests >= self->limits.max_requests)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
}

static void
on_got_body_cb (SoupServerMessage *msg, ChartaHubListener *self)
{
  Conn *conn = conn_of_message (msg);

  if (conn != NULL)
    conn_set_state (conn, CONN_ANSWERING, self->limits.answer_timeout);
}

static void
on_request_started_cb (SoupServer *server, SoupServerMessage *msg, ChartaHubListener *self)
{
  Conn *conn = conn_of_message (msg);

  if (conn == NULL)
    return;
  /* A kept-alive connection's next request began in libsoup. */
  if (conn->in_soup)
    {
      g_source_destroy (conn->watch);
      g_clear_pointer (&conn->watch, g_source_unref);
      clear_win_back (conn);
      g_clear_object (&conn->answered);
      conn->in_soup = FALSE;
    }
  /* The clock runs from the connection. */
  if (conn->state != CONN_HEADERS)
    conn_set_state (conn, CONN_HEADERS, self->limits.header_timeout);
  g_signal_connect (msg, "got-headers", G_CALLBACK (on_got_headers_cb), self);
  g_signal_connect (msg, "got-body", G_CALLBACK (on_got_body_cb), self);
}

/* ---- keeping connections alive ----
 *
 * libsoup 3.2.3 leaks a kept-alive connection that its client closes, or that times out,
 * between two requests (fixed upstream in libsoup commit d20c6601, not in Debian 12):
 * after an answer it reads the next request on a new message of its own, which the
 * server is told about only once a byte of it arrives. If the connection ends before
 * that, the message fails with no one to tell: the connection is never disconnected and
 * keeps its descriptor and memory for ever (soup-server-message-io-http1.c,
 * soup_server_message_io_http1_finished(): no completion callback, so
 * soup-server.c's request_finished() never runs).
 *
 * So libsoup never sees a kept-alive connection end between two requests. Right after
 * each answer (a G_PRIORITY_HIGH idle, in the same main context, ahead of every
 * default-priority I/O source, so before libsoup's own wait for the next request can
 * run), the hub either
 * - (plain HTTP) leaves the connection waiting in libsoup and watches its socket at
 *   G_PRIORITY_HIGH: a first byte goes to libsoup as usual; the end of the connection,
 *   an error, the idle timeout or a cap makes the hub take the connection from libsoup
 *   (soup_server_message_steal_connection() on the answered message, which releases
 *   libsoup's connection object at once) before libsoup's wait has run, and close it; or
 * - (TLS, whose end is encrypted bytes that cannot be peeked at) takes the connection
 *   back at once and waits for the next request itself; at its first byte the
 *   connection is handed to libsoup again as a new one, whose first message libsoup
 *   tells the server about at once, so that it always ends properly. That costs a
 *   connection object a request (about 15 µs), the plain path nothing. */

static void hand_back (ChartaHubListener *self, Conn *conn);

typedef enum {
  FAST_NO,      /* nothing done: the request is not one for the fast path */
  FAST_KEEP,    /* answered; the hub watches the connection with its watch of before */
  FAST_GONE,    /* answered and still being written, handed to libsoup, or closed */
} FastResult;

static FastResult answer_fast (ChartaHubListener *self, Conn *conn);

static gboolean
readable_cb (GObject *stream, gpointer user_data)
{
  Conn *conn = user_data;

  hand_back (conn->listener, conn);
  return G_SOURCE_REMOVE;
}

static void
close_now (ChartaHubListener *self, Conn *conn)
{
  g_hash_table_remove (self->conns, conn);
  conn_free (conn);
}

static void
keep_alive (ChartaHubListener *self, Conn *conn, SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stolen = NULL;
  GPollableInputStream *in;

  conn->held = g_object_ref (conn->stream);
  stolen = soup_server_message_steal_connection (msg);
  in = G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (conn->held));
  /* What libsoup read past the answered request (a pipelined request) would be lost
   * with its buffer: such a connection is closed rather than left waiting. */
  if (stolen == NULL || conn->state == CONN_CLOSING
      || (g_pollable_input_stream_is_readable (
                           G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (stolen)))
                         && !g_pollable_input_stream_is_readable (in)))
    {
      g_clear_object (&stolen);
      close_now (self, conn);
      return;
    }
  g_clear_object (&stolen);
  conn_set_state (conn, CONN_IDLE, self->limits.idle_timeout);
  conn->watch = g_pollable_input_stream_create_source (in, NULL);
  g_source_set_callback (conn->watch, (GSourceFunc) (GCallback) readable_cb, conn, NULL);
  g_source_attach (conn->watch, NULL);
}

/* The next request has begun (or the client closed): libsoup reads it on a connection
 * new to it. */
static void
hand_back (ChartaHubListener *self, Conn *conn)
{
  GIOStream *stream = g_steal_pointer (&conn->held);

  if (conn->watch != NULL)
    g_source_destroy (conn->watch);
  g_clear_pointer (&conn->watch, g_source_unref);
  /* A new connection's clock runs from the connection, a kept-alive one's from now. */
  if (conn->state != CONN_HEADERS)
    conn_set_state (conn, CONN_HEADERS, self->limits.header_timeout);
  soup_server_accept_iostream (self->soup, stream, conn->local, conn->remote, NULL);
  /* libsoup holds it now; conn may be gone when this returns. */
  g_object_unref (stream);
}

/* What waits on a connection between two requests: bytes (1), nothing yet (0), or its
 * end or an error (-1). */
static int
peek_next (GSocket *socket)
{
  char c;
  gssize n = recv (g_socket_get_fd (socket), &c, 1, MSG_PEEK | MSG_DONTWAIT);

  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
    return 0;
  return n > 0 ? 1 : -1;
}

/* Plain HTTP: the first byte of the next request, or the end of the connection, is seen
 * on the socket itself (recv with MSG_PEEK), by a G_PRIORITY_HIGH watch that runs before
 * libsoup's own wait of default priority whenever both are woken. A byte: libsoup reads
 * the request (and the server hears of it at that byte), never the fast path: libsoup
 * may hold pipelined requests read with the last one, which would be lost with its
 * connection. The end, or an error: the hub takes the connection from libsoup, whose
 * wait has not run, and closes it. TLS cannot be told so (its close_notify is bytes), so
 * a TLS connection is handed over anew. */
static gboolean
peek_cb (GSocket *socket, GIOCondition condition, gpointer user_data)
{
  Conn *conn = user_data;
  ChartaHubListener *self = conn->listener;
  int next = peek_next (socket);

  if (next == 0)
    return G_SOURCE_CONTINUE;
  if (next > 0)
    {
      g_clear_pointer (&conn->watch, g_source_unref);
      clear_win_back (conn);
      g_clear_object (&conn->answered);
      conn->in_soup = FALSE;
      conn_set_state (conn, CONN_HEADERS, self->limits.header_timeout);
      return G_SOURCE_REMOVE;
    }
  close_now (self, conn);
  return G_SOURCE_REMOVE;
}

static gboolean win_back_cb (gpointer user_data);

static void
watch_in_soup (ChartaHubListener *self, Conn *conn, SoupServerMessage *msg)
{
  if (conn->state == CONN_CLOSING)
    {
      conn->answered = msg;
      conn->in_soup = TRUE;
      close_now (self, conn);
      return;
    }
  conn->answered = msg;
  conn->in_soup = TRUE;
  conn_set_state (conn, CONN_IDLE, self->limits.idle_timeout);
  conn->watch = g_socket_create_source (conn->socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_priority (conn->watch, G_PRIORITY_HIGH);
  g_source_set_callback (conn->watch, (GSourceFunc) (GCallback) peek_cb, conn, NULL);
  g_source_attach (conn->watch, NULL);
  if (self->fast_func != NULL)
    {
      conn->win_back = g_idle_source_new ();
      g_source_set_callback (conn->win_back, win_back_cb, conn, NULL);
      g_source_attach (conn->win_back, NULL);
    }
}

/* ---- the fast path (charta-hub-fast.h) ----
 *
 * Only requests on connections the hub holds, of which libsoup has read nothing, are
 * peeked at: a new connection's first (take_connection: the hub holds it, under the
 * header timeout, until its first bytes are there), the next after a fast answer, and
 * the next on a connection libsoup answered once the hub took it back (win_back_cb: only
 * while libsoup holds none of its bytes). A request on a connection libsoup holds is
 * libsoup's: it may have read it, and more, already. When the request peeked at is
 * whole and charta_hub_fast_parse() takes it, it is offered to the server's fast path.
 * Answered: the request's bytes are consumed and the answer written with one writev,
 * and the hub keeps the connection, watching it itself at the default priority
 * (owned_cb) for the next request, which is peeked at the same way.
 * Declined, or a request the parser does not take: libsoup reads it on the connection
 * handed to it anew (hand_back), from its first byte. The
 * caps, the timeouts and max_requests apply as on libsoup's path; what the socket does
 * not take at once is written asynchronously under the answer timeout, and an answer to
 * Connection: close closes the connection once written, as libsoup does. */

static gboolean owned_cb (GSocket *socket, GIOCondition condition, gpointer user_data);

static void
watch_owned (Conn *conn)
{
  conn->watch = g_socket_create_source (conn->socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (conn->watch, (GSourceFunc) (GCallback) owned_cb, conn, NULL);
  g_source_attach (conn->watch, NULL);
}

static void
own_watch (ChartaHubListener *self, Conn *conn)
{
  conn_set_state (conn, CONN_IDLE, self->limits.idle_timeout);
  watch_owned (conn);
}

static void
fast_written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  FastWrite *job = user_data;
  Conn *conn = job->conn;
  gboolean ok = g_output_stream_writev_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL);

  for (guint i = 0; i < job->n; i++)
    g_bytes_unref (job->held[i]);
  g_free (job);
  if (conn == NULL)
    return;
  conn->writing = NULL;
  if (!ok || conn->state == CONN_CLOSING || conn->close_after)
    close_now (conn->listener, conn);
  else
    own_watch (conn->listener, conn);
}

/* Writes what the socket did not take of @iov (@sent bytes of it were) asynchronously;
 * @bytes[i], when not NULL, holds @iov[i]. */
static void
write_rest (ChartaHubListener *self, Conn *conn, struct iovec *iov, GBytes **bytes, guint n_iov, gsize sent)
{
  FastWrite *job = g_new0 (FastWrite, 1);

  for (guint i = 0; i < n_iov; i++)
    {
      gsize skip = MIN (sent, iov[i].iov_len);
      const guint8 *rest = (const guint8 *) iov[i].iov_base + skip;
      gsize len = iov[i].iov_len - skip;

      sent -= skip;
      if (len == 0)
        continue;
      job->held[job->n] = bytes[i] != NULL ? g_bytes_ref (bytes[i]) : g_bytes_new (rest, len);
      job->vectors[job->n].buffer = bytes[i] != NULL ? rest : g_bytes_get_data (job->held[job->n], NULL);
      job->vectors[job->n++].size = len;
    }
  if (conn->watch != NULL)
    g_source_destroy (conn->watch);
  g_clear_pointer (&conn->watch, g_source_unref);
  conn_set_state (conn, CONN_ANSWERING, self->limits.answer_timeout);
  job->conn = conn;
  conn->writing = job;
  g_output_stream_writev_all_async (g_io_stream_get_output_stream (conn->held), job->vectors, job->n,
                                    G_PRIORITY_DEFAULT, NULL, fast_written_cb, job);
}

/* A connection answered by libsoup, for the fast path to answer its next requests: the
 * hub takes it back only while libsoup holds none of its bytes. libsoup reads up to 8 KB
 * at a time, so it may hold pipelined requests read with the last one (which would be
 * lost with its connection): it reads them (and tells the server) in its wait for the
 * next request, a default-priority source attached before this idle and then ready at
 * once (soup-filter-input-stream.c: a 0 timeout while its buffer holds bytes), so
 * dispatched before it in the same main loop iteration. When libsoup has not begun a
 * request by then and the socket holds nothing, libsoup holds no byte of the connection.
 * When the next request comes first, the peek watch leaves it to libsoup. */
static gboolean
win_back_cb (gpointer user_data)
{
  Conn *conn = user_data;
  ChartaHubListener *self = conn->listener;
  g_autoptr(GIOStream) stolen = NULL;

  g_clear_pointer (&conn->win_back, g_source_unref);
  if (!conn->in_soup || conn->state != CONN_IDLE || peek_next (conn->socket) != 0)
    return G_SOURCE_REMOVE;
  conn->held = g_object_ref (conn->stream);
  stolen = soup_server_message_steal_connection (conn->answered);
  g_clear_object (&conn->answered);
  conn->in_soup = FALSE;
  g_source_destroy (conn->watch);
  g_clear_pointer (&conn->watch, g_source_unref);
  /* Bytes in libsoup's buffer after all (the socket empty): closed rather than lost. */
  if (stolen == NULL
      || (g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (stolen)))
          && peek_next (conn->socket) == 0))
    {
      g_clear_object (&stolen);
      close_now (self, conn);
      return G_SOURCE_REMOVE;
    }
  g_clear_object (&stolen);
  watch_owned (conn);
  return G_SOURCE_REMOVE;
}

static FastResult
answer_fast (ChartaHubListener *self, Conn *conn)
{
  char buf[CHARTA_HUB_FAST_MAX_HEAD];
  ChartaHubFastRequest request;
  ChartaHubFastPart parts[CHARTA_HUB_FAST_PARTS] = { { 0 } };
  struct iovec iov[CHARTA_HUB_FAST_PARTS];
  GBytes *bytes[CHARTA_HUB_FAST_PARTS];
  struct msghdr message = { 0 };
  int fd = g_socket_get_fd (conn->socket);
  gsize total = 0;
  guint n_iov = 0;
  gssize n;

  /* The last request a connection may carry is answered by libsoup, with Connection: close. */
  if (self->fast_func == NULL || conn->requests + 1 >= self->limits.max_requests)
    return FAST_NO;
  n = recv (fd, buf, sizeof buf, MSG_PEEK | MSG_DONTWAIT);
  if (n <= 0 || !charta_hub_fast_parse (buf, n, &request))
    return FAST_NO;
  request.address = conn->address;
  if (!self->fast_func (&request, parts, self->fast_data))
    {
      hand_back (self, conn);
      return FAST_GONE;
    }
  self->stats.fast_answers++;
  conn->requests++;
  conn->close_after = request.close;
  /* Peeked, so there: consumed whole. */
  if (recv (fd, buf, request.length, MSG_DONTWAIT) != (gssize) request.length)
    {
      close_now (self, conn);
      return FAST_GONE;
    }
  for (guint i = 0; i < CHARTA_HUB_FAST_PARTS; i++)
    if (parts[i].len > 0)
      {
        iov[n_iov].iov_base = (void *) parts[i].data;
        bytes[n_iov] = parts[i].bytes;
        iov[n_iov++].iov_len = parts[i].len;
        total += parts[i].len;
      }
  message.msg_iov = iov;
  message.msg_iovlen = n_iov;
  n = sendmsg (fd, &message, MSG_NOSIGNAL | MSG_DONTWAIT);
  if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
    {
      close_now (self, conn);
      return FAST_GONE;
    }
  if ((gsize) MAX (n, 0) < total)
    {
      write_rest (self, conn, iov, bytes, n_iov, MAX (n, 0));
      return FAST_GONE;
    }
  /* As libsoup does after an answer to Connection: close. */
  if (conn->close_after)
    {
      close_now (self, conn);
      return FAST_GONE;
    }
  if (conn->watch == NULL)
    {
      own_watch (self, conn);
      return FAST_GONE;
    }
  conn_set_state (conn, CONN_IDLE, self->limits.idle_timeout);
  return FAST_KEEP;
}

/* A connection the hub keeps after a fast answer: the next request, or its end. */
static gboolean
owned_cb (GSocket *socket, GIOCondition condition, gpointer user_data)
{
  Conn *conn = user_data;
  ChartaHubListener *self = conn->listener;
  int next = peek_next (socket);

  if (next == 0)
    return G_SOURCE_CONTINUE;
  if (next < 0)
    {
      close_now (self, conn);
      return G_SOURCE_REMOVE;
    }
  switch (answer_fast (self, conn))
    {
    case FAST_KEEP:
      return G_SOURCE_CONTINUE;
    case FAST_NO:
      hand_back (self, conn);
      return G_SOURCE_REMOVE;
    case FAST_GONE:
    default:
      return G_SOURCE_REMOVE;
    }
}

/* Safe at any time before libsoup's wait for the next request runs: from the idle, or
 * from the accept loop, where each connection accepted may be answered at once (its
 * request already there) and, until taken back, still count towards the caps. */
static void
take_back_all (ChartaHubListener *self)
{
  while (self->answered->len > 0)
    {
      Conn *conn = g_ptr_array_steal_index_fast (self->answered, self->answered->len - 1);
      g_autoptr(SoupServerMessage) msg = g_steal_pointer (&conn->answered);

      /* Closed by libsoup (Connection: close, HTTP/1.0, an error): it is released with
       * msg, and conn with it. */
      if (g_io_stream_is_closed (conn->stream))
        continue;
      if (self->certificate == NULL)
        watch_in_soup (self, conn, g_steal_pointer (&msg));
      else
        keep_alive (self, conn, msg);
    }
}

static gboolean
take_back_cb (gpointer user_data)
{
  ChartaHubListener *self = user_data;

  self->take_back_id = 0;
  take_back_all (self);
  return G_SOURCE_REMOVE;
}

static void
on_request_finished_cb (SoupServer *server, SoupServerMessage *msg, ChartaHubListener *self)
{
  Conn *conn = conn_of_message (msg);

  if (conn == NULL)
    return;
  conn_set_state (conn, CONN_DONE, self->limits.header_timeout);
  if (conn->answered != NULL)
    return;
  conn->answered = g_object_ref (msg);
  g_ptr_array_add (self->answered, conn);
  if (self->take_back_id == 0)
    self->take_back_id = g_idle_add_full (G_PRIORITY_HIGH, take_back_cb, self, NULL);
}

static void
on_request_aborted_cb (SoupServer *server, SoupServerMessage *msg, ChartaHubListener *self)
{
  Conn *conn = conn_of_message (msg);

  /* libsoup closes the connection. */
  if (conn != NULL)
    conn_set_state (conn, CONN_DONE, self->limits.header_timeout);
}

/* ---- accepting ---- */

/* Once every ten seconds at most: an attack must not also fill the log. */
static gboolean
may_log (gint64 *last)
{
  gint64 now = g_get_monotonic_time ();

  if (*last != 0 && now - *last < LOG_EVERY_US)
    return FALSE;
  *last = now;
  return TRUE;
}

/* Over a cap: a plain HTTP client is told so in one write that never blocks; a TLS one
 * only sees the connection closed. */
static void
refuse_busy (ChartaHubListener *self, GSocket *socket, const char *address)
{
  static const char answer[] =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nConnection: close\r\n"
    "Retry-After: 5\r\nContent-Length: 107\r\n\r\n"
    "{\n  \"error\": {\n    \"status\": 503,\n    \"code\": \"busy\",\n    \"message\": \"too many connections\"\n  }\n}\n";

  self->stats.refused_busy++;
  if (self->certificate == NULL)
    g_socket_send_with_blocking (socket, answer, sizeof answer - 1, FALSE, NULL, NULL);
  if (may_log (&self->last_busy_log))
    g_warning ("event=connection-refused reason=cap remote=%s open=%u refused_total=%" G_GUINT64_FORMAT,
               address, self->stats.open, self->stats.refused_busy);
}

/* Closes an idle connection (from @address, or any): whether there was one. */
static gboolean
close_idle (ChartaHubListener *self, const char *address)
{
  GHashTableIter iter;
  Conn *conn;

  g_hash_table_iter_init (&iter, self->conns);
  while (g_hash_table_iter_next (&iter, (gpointer *) &conn, NULL))
    if (conn->state == CONN_IDLE && (address == NULL || strcmp (conn->address, address) == 0))
      {
        self->stats.idle_closed++;
        g_hash_table_iter_remove (&iter);
        conn_free (conn);
        return TRUE;
      }
  return FALSE;
}

static GIOStream *
wrap (ChartaHubListener *self, GSocket *socket, GError **error)
{
  g_autoptr(GSocketConnection) base = g_socket_connection_factory_create_connection (socket);
  const char * const protocols[] = { "http/1.1", NULL };
  GIOStream *tls;

  if (self->certificate == NULL)
    return G_IO_STREAM (g_steal_pointer (&base));
  tls = g_tls_server_connection_new (G_IO_STREAM (base), self->certificate, error);
  if (tls == NULL)
    return NULL;
  g_object_set (tls, "require-close-notify", FALSE, "advertised-protocols", protocols, NULL);
  return tls;
}

static void
take_connection (ChartaHubListener *self, int fd)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new_from_fd (fd, &error);
  g_autoptr(GSocketAddress) remote = NULL, local = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  g_autofree char *address = NULL;
  GIOStream *stream;
  guint n;
  Conn *conn;

  if (socket == NULL)
    {
      close (fd);
      return;
    }
  remote = g_socket_get_remote_address (socket, NULL);
  local = g_socket_get_local_address (socket, NULL);
  if (remote == NULL || local == NULL || !G_IS_INET_SOCKET_ADDRESS (remote))
    return;
  address = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_address, address));
  /* At a cap, an idle connection gives way to a new one. */
  if ((self->stats.open >= self->limits.max_connections && close_idle (self, NULL))
      || (n >= self->limits.max_per_address && close_idle (self, address)))
    n = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_address, address));
  if (self->stats.open >= self->limits.max_connections || n >= self->limits.max_per_address)
    {
      refuse_busy (self, socket, address);
      return;
    }
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  conn = g_new0 (Conn, 1);
  conn->listener = self;
  conn->stream = wrap (self, socket, &error);
  if (conn->stream == NULL)
    {
      g_warning ("TLS: %s", error->message);
      g_free (conn);
      return;
    }
  conn->socket = g_steal_pointer (&socket);
  conn->remote = g_object_ref (remote);
  conn->local = g_object_ref (local);
  conn->address = g_steal_pointer (&address);
  g_object_set_qdata (G_OBJECT (remote), conn_quark (), conn);
  g_hash_table_add (self->conns, conn);
  g_hash_table_insert (self->per_address, g_strdup (conn->address), GUINT_TO_POINTER (n + 1));
  self->stats.open++;
  self->stats.accepted++;
  conn_set_state (conn, CONN_HEADERS, self->limits.header_timeout);
  g_object_weak_ref (G_OBJECT (conn->stream), stream_gone_cb, conn);
  stream = conn->stream;
  if (self->fast_func != NULL)
    {
      /* Plain HTTP: the first request may be one for the fast path too. The hub holds
       * the connection until its first bytes are there (often already), under the
       * header timeout, and hands it to libsoup unless it answered them. */
      conn->held = stream;
      switch (peek_next (conn->socket))
        {
        case 0:
          watch_owned (conn);
          break;
        case 1:
          if (answer_fast (self, conn) == FAST_NO)
            hand_back (self, conn);
          break;
        default:
          close_now (self, conn);
          break;
        }
      return;
    }
  soup_server_accept_iostream (self->soup, stream, local, remote, NULL);
  /* libsoup holds it now; conn may be gone when this returns. */
  g_object_unref (stream);
}

static gboolean
resume_cb (gpointer user_data)
{
  ChartaHubListener *self = user_data;

  self->backoff_id = 0;
  attach_source (self);
  return G_SOURCE_REMOVE;
}

/* Out of file descriptors: the connection waiting in the queue is accepted on the reserve
 * descriptor and closed at once, so it is refused rather than left to fill the queue,
 * and the listener keeps listening. */
static void
shed_connection (ChartaHubListener *self, int listen_fd)
{
  int fd;

  if (self->reserve_fd >= 0)
    {
      close (self->reserve_fd);
      self->reserve_fd = -1;
      fd = accept4 (listen_fd, NULL, NULL, SOCK_CLOEXEC);
      if (fd >= 0)
        {
          close (fd);
          self->stats.shed_descriptors++;
        }
      self->reserve_fd = open ("/dev/null", O_RDONLY | O_CLOEXEC);
    }
  if (may_log (&self->last_shed_log))
    g_warning ("event=connection-shed reason=\"out of file descriptors (ulimit -n)\" open=%u shed_total=%"
               G_GUINT64_FORMAT, self->stats.open, self->stats.shed_descriptors);
  if (self->reserve_fd < 0 && self->backoff_id == 0)
    {
      /* Not even the reserve: wait a little rather than spin on a readable socket. */
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
      self->backoff_id = g_timeout_add (BACKOFF_MS, resume_cb, self);
    }
}

static gboolean
on_incoming_cb (GSocket *socket, GIOCondition condition, gpointer user_data)
{
  ChartaHubListener *self = user_data;
  int listen_fd = g_socket_get_fd (socket);

  for (int i = 0; i < MAX_ACCEPTS_PER_WAKEUP && self->source != NULL; i++)
    {
      int fd;

      take_back_all (self);
      fd = accept4 (listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);

      if (fd >= 0)
        take_connection (self, fd);
      else if (errno == EINTR || errno == ECONNABORTED)
        continue;
      else if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
        shed_connection (self, listen_fd);
      else
        {
          if (errno != EAGAIN && errno != EWOULDBLOCK)
            g_warning ("accept: %s", g_strerror (errno));
          break;
        }
    }
  return G_SOURCE_CONTINUE;
}

static void
attach_source (ChartaHubListener *self)
{
  self->source = g_socket_create_source (self->socket, G_IO_IN, NULL);
  g_source_set_callback (self->source, (GSourceFunc) (GCallback) on_incoming_cb, self, NULL);
  g_source_attach (self->source, NULL);
}

/* libsoup keeps a connection alive after a request only while it has a listener of its
 * own: it gets one on a Unix socket whose name is removed at once, that nobody can reach. */
static GSocket *
unreachable_socket (GError **error)
{
  g_autofree char *dir = g_dir_make_tmp ("charta-hub-XXXXXX", error);
  g_autofree char *path = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  gboolean ok;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, "s", NULL);
  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, error);
  address = g_unix_socket_address_new (path);
  ok = socket != NULL && g_socket_bind (socket, address, FALSE, error) && g_socket_listen (socket, error);
  g_unlink (path);
  g_rmdir (dir);
  return ok ? g_steal_pointer (&socket) : NULL;
}

static GSocket *
listening_socket (GSocketAddress *address, GError **error)
{
  g_autoptr(GSocket) socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, error);

  if (socket == NULL)
    return NULL;
  if (g_socket_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    g_socket_set_option (socket, IPPROTO_IPV6, IPV6_V6ONLY, TRUE, NULL);
  g_socket_set_listen_backlog (socket, 128);
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error))
    return NULL;
  g_socket_set_blocking (socket, FALSE);
  return g_steal_pointer (&socket);
}

/* ---- public API ---- */

ChartaHubListener *
charta_hub_listener_new (SoupServer *soup, GSocketAddress *address, GTlsCertificate *certificate,
                         const ChartaHubLimits *limits, GError **error)
{
  g_autoptr(ChartaHubListener) self = g_new0 (ChartaHubListener, 1);

  g_return_val_if_fail (SOUP_IS_SERVER (soup) && G_IS_SOCKET_ADDRESS (address) && limits != NULL, NULL);

  self->soup = soup;
  self->limits = *limits;
  self->certificate = certificate ? g_object_ref (certificate) : NULL;
  self->conns = g_hash_table_new (NULL, NULL);
  self->per_address = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->answered = g_ptr_array_new ();
  self->reserve_fd = open ("/dev/null", O_RDONLY | O_CLOEXEC);
  self->socket = listening_socket (address, error);
  if (self->socket == NULL)
    return NULL;
  self->keepalive_socket = unreachable_socket (error);
  if (self->keepalive_socket == NULL || !soup_server_listen_socket (soup, self->keepalive_socket, 0, error))
    return NULL;
  g_signal_connect (soup, "request-started", G_CALLBACK (on_request_started_cb), self);
  g_signal_connect (soup, "request-finished", G_CALLBACK (on_request_finished_cb), self);
  g_signal_connect (soup, "request-aborted", G_CALLBACK (on_request_aborted_cb), self);
  attach_source (self);
  self->sweep_id = g_timeout_add (SWEEP_MS, sweep_cb, self);
  return g_steal_pointer (&self);
}

void
charta_hub_listener_free (ChartaHubListener *self)
{
  GHashTableIter iter;
  Conn *conn;

  if (self == NULL)
    return;
  if (self->soup != NULL)
    g_signal_handlers_disconnect_by_data (self->soup, self);
  if (self->source != NULL)
    g_source_destroy (self->source);
  g_clear_pointer (&self->source, g_source_unref);
  g_clear_handle_id (&self->sweep_id, g_source_remove);
  g_clear_handle_id (&self->backoff_id, g_source_remove);
  g_clear_handle_id (&self->take_back_id, g_source_remove);
  if (self->conns != NULL)
    {
      g_hash_table_iter_init (&iter, self->conns);
      while (g_hash_table_iter_next (&iter, (gpointer *) &conn, NULL))
        {
          g_hash_table_iter_remove (&iter);
          conn_free (conn);
        }
    }
  g_clear_pointer (&self->conns, g_hash_table_unref);
  g_clear_pointer (&self->per_address, g_hash_table_unref);
  g_clear_pointer (&self->answered, g_ptr_array_unref);
  if (self->socket != NULL)
    g_socket_close (self->socket, NULL);
  g_clear_object (&self->socket);
  g_clear_object (&self->keepalive_socket);
  g_clear_object (&self->certificate);
  if (self->reserve_fd >= 0)
    close (self->reserve_fd);
  g_free (self);
}

char *
charta_hub_listener_get_url (ChartaHubListener *self)
{
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (self->socket, NULL);
  GInetSocketAddress *inet = G_INET_SOCKET_ADDRESS (local);
  g_autofree char *host = g_inet_address_to_string (g_inet_socket_address_get_address (inet));
  gboolean v6 = g_inet_address_get_family (g_inet_socket_address_get_address (inet)) == G_SOCKET_FAMILY_IPV6;

  return g_strdup_printf ("%s://%s%s%s:%u/", self->certificate ? "https" : "http", v6 ? "[" : "", host,
                          v6 ? "]" : "", g_inet_socket_address_get_port (inet));
}

void
charta_hub_listener_set_fast_path (ChartaHubListener *self, ChartaHubFastFunc func, gpointer user_data)
{
  self->fast_func = func;
  self->fast_data = user_data;
}

void
charta_hub_listener_get_stats (ChartaHubListener *self, ChartaHubListenerStats *stats)
{
  *stats = self->stats;
}
