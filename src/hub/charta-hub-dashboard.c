/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-hub-dashboard"
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>
#include <sys/random.h>

#include "charta-hub-dashboard.h"
#include "charta-hub-dashboard-private.h"
#include "charta-hub-server.h"
#include "charta-report.h"

#define T(text) charta_hub_messages_get (self->messages, lang, (text))
#define SESSION_BYTES 32
#define SESSION_IDLE_SECONDS G_GINT64_CONSTANT (60 * 60)
#define SESSION_MAX_SECONDS (12 * 60 * 60)
#define MAX_SESSIONS 10000
#define MAX_PAGES 512
#define MAX_RENDERED 64

/* No script at all, styles only from the hub's own stylesheet, no framing, forms only
 * to the hub itself: what a city wrote can never run in a reader's browser, even if an
 * escape were missed. */
#define CONTENT_SECURITY_POLICY \
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; " \
  "frame-ancestors 'none'; base-uri 'none'"

typedef struct {
  char *id;
  char *secret;          /* the token, to check it was not revoked since */
  gint64 token_id;
  char *city;            /* NULL for a reader */
  char *name;
  gint64 started;        /* monotonic, µs */
  gint64 seen;
  gint64 checked_version;
} Session;

struct _ChartaHubDashboard {
  ChartaHubStore *store;     /* borrowed */
  gboolean secure;
  gboolean public_overview;
  ChartaHubMessages *messages;
  GHashTable *sessions;      /* id → Session */
  DashModel *model;          /* NULL until a page needs it after a change */
  GHashTable *pages;         /* "kind|arg|period|lang|full" → DashPage */
  gint64 version;            /* the store's data version the model and pages are of */
  locale_t c_locale;
};

static const char stylesheet[] =
  ":root { color-scheme: light; --accent: #1c3f73; }\n"
  "body { font-family: Cantarell, 'Noto Sans', 'DejaVu Sans', sans-serif; margin: 0; color: #1a1a1a; "
  "background: #fafafa; line-height: 1.45; }\n"
  "header.top { display: flex; flex-wrap: wrap; gap: 1em; align-items: center; justify-content: space-between; "
  "padding: .6em 1.5em; background: var(--accent); color: #fff; }\n"
  "header.top a { color: #fff; font-weight: bold; text-decoration: none; }\n"
  "header.top form { display: inline; margin-left: .8em; }\n"
  "main { padding: 1em 1.5em 3em; max-width: 72em; }\n"
  "h1 { font-size: 1.6em; margin: .4em 0; } h2 { font-size: 1.25em; margin-top: 1.6em; }\n"
  "table { border-collapse: collapse; margin: .6em 0; background: #fff; }\n"
  "th, td { border: 1px solid #d0d4da; padding: .3em .6em; text-align: left; vertical-align: top; }\n"
  "thead th { background: #eef1f5; }\n"
  "tbody th { font-weight: normal; max-width: 34em; }\n"
  "td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }\n"
  "a { color: #1a4f9c; } a:focus, button:focus, input:focus { outline: 3px solid #e5a50a; outline-offset: 1px; }\n"
  ".skip { position: absolute; left: -999em; } .skip:focus { left: 1em; top: 1em; background: #fff; color: #000; "
  "padding: .4em; z-index: 1; }\n"
  "nav.periods ul { list-style: none; padding: 0; display: flex; gap: .6em; flex-wrap: wrap; }\n"
  "nav.periods a[aria-current] { font-weight: bold; }\n"
  "svg.bars { display: block; margin: .6em 0; } svg text { fill: #1a1a1a; font-family: inherit; }\n"
  ".note, .date { color: #555; } .error { color: #a51d2d; font-weight: bold; }\n"
  "form.login { display: flex; flex-direction: column; gap: .6em; max-width: 26em; }\n"
  "form.login input { font: inherit; padding: .4em; }\n"
  "button { font: inherit; padding: .3em .9em; }\n";

/* A page as sent, with its session's header: plain, and gzipped when first asked for. */
typedef struct {
  GBytes *html;
  GBytes *gzip;
} Rendered;

/* ---- sessions ---- */

static void
session_free (gpointer data)
{
  Session *session = data;

  if (session->secret != NULL)
    memset (session->secret, 0, strlen (session->secret));
  g_free (session->secret);
  g_free (session->id);
  g_free (session->city);
  g_free (session->name);
  g_free (session);
}

static char *
random_id (void)
{
  guint8 bytes[SESSION_BYTES];
  GString *id = g_string_sized_new (2 * SESSION_BYTES);

  if (getrandom (bytes, sizeof bytes, 0) != sizeof bytes)
    g_error ("the system gives no random bytes for session ids");
  for (gsize i = 0; i < sizeof bytes; i++)
    g_string_append_printf (id, "%02x", bytes[i]);
  return g_string_free (id, FALSE);
}

static gboolean
session_expired (Session *session, gint64 now)
{
  return now - session->seen > SESSION_IDLE_SECONDS * G_USEC_PER_SEC ||
         now - session->started > (gint64) SESSION_MAX_SECONDS * G_USEC_PER_SEC;
}

static gboolean
prune_session (gpointer key, gpointer value, gpointer user_data)
{
  return session_expired (value, *(gint64 *) user_data);
}

static const char *
cookie_name (ChartaHubDashboard *self)
{
  /* A __Host- cookie is only taken from a secure origin, for this host and path /. */
  return self->secure ? "__Host-charta-session" : "charta-session";
}

/* The value of our cookie in a Cookie header (@header may be NULL), or NULL. */
static char *
cookie_in (ChartaHubDashboard *self, const char *header)
{
  g_auto(GStrv) pairs = header ? g_strsplit (header, ";", 64) : NULL;
  const char *name = cookie_name (self);
  gsize len = strlen (name);

  for (guint i = 0; pairs && pairs[i]; i++)
    {
      const char *pair = pairs[i];

      while (*pair == ' ')
        pair++;
      if (strncmp (pair, name, len) == 0 && pair[len] == '=')
        return g_strstrip (g_strdup (pair + len + 1));
    }
  return NULL;
}

static char *
request_cookie (ChartaHubDashboard *self, SoupServerMessage *msg)
{
  return cookie_in (self, soup_message_headers_get_list (soup_server_message_get_request_headers (msg), "Cookie"));
}

/* The session a Cookie header names, while it lasts; NULL otherwise. */
static Session *
session_of (ChartaHubDashboard *self, const char *cookie_header)
{
  g_autofree char *id = cookie_in (self, cookie_header);
  Session *session = id ? g_hash_table_lookup (self->sessions, id) : NULL;
  gint64 now = g_get_monotonic_time ();

  if (session == NULL)
    return NULL;
  if (session_expired (session, now))
    {
      g_hash_table_remove (self->sessions, id);
      return NULL;
    }
  /* Something changed in the store since the token was last checked: it may have been
   * revoked (charta-hub token revoke). A revoked token ends its sessions. */
  if (session->checked_version != self->version)
    {
      g_autoptr(ChartaHubToken) token = charta_hub_store_find_token (self->store, session->secret, NULL);

      if (token == NULL || token->id != session->token_id)
        {
          g_hash_table_remove (self->sessions, id);
          return NULL;
        }
      session->checked_version = self->version;
    }
  session->seen = now;
  return session;
}

static Session *
find_session (ChartaHubDashboard *self, SoupServerMessage *msg)
{
  return session_of (self, soup_message_headers_get_list (soup_server_message_get_request_headers (msg), "Cookie"));
}

static void
forget_idlest_session (ChartaHubDashboard *self)
{
  GHashTableIter iter;
  Session *session, *idlest = NULL;

  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &session))
    if (idlest == NULL || session->seen < idlest->seen)
      idlest = session;
  if (idlest != NULL)
    g_hash_table_remove (self->sessions, idlest->id);
}

static Session *
start_session (ChartaHubDashboard *self, ChartaHubToken *token, const char *secret)
{
  Session *session = g_new0 (Session, 1);
  gint64 now = g_get_monotonic_time ();

  if (g_hash_table_size (self->sessions) >= MAX_SESSIONS)
    g_hash_table_foreach_remove (self->sessions, prune_session, &now);
  /* Still full of live sessions: the one idle longest makes room, so memory stays bounded. */
  if (g_hash_table_size (self->sessions) >= MAX_SESSIONS)
    forget_idlest_session (self);
  session->id = random_id ();
  session->secret = g_strdup (secret);
  session->token_id = token->id;
  session->city = g_strdup (token->city);
  session->name = g_strdup (token->name);
  session->started = session->seen = now;
  session->checked_version = self->version;
  g_hash_table_insert (self->sessions, session->id, session);
  return session;
}

/* ---- the cache ---- */

/* Drops the model and the pages when the store changed since they were made. */
static gboolean
refresh (ChartaHubDashboard *self)
{
  g_autoptr(GError) error = NULL;
  gint64 version = charta_hub_store_data_version (self->store, &error);

  if (version < 0)
    {
      g_warning ("event=store-error what=dashboard message=\"%s\"", error->message);
      return FALSE;
    }
  if (version != self->version)
    {
      g_clear_pointer (&self->model, dash_model_free);
      g_hash_table_remove_all (self->pages);
      self->version = version;
    }
  return TRUE;
}

static DashModel *
get_model (ChartaHubDashboard *self)
{
  g_autoptr(GError) error = NULL;

  if (self->model == NULL)
    self->model = dash_model_build (self->store, &error);
  if (self->model == NULL)
    g_warning ("event=store-error what=dashboard message=\"%s\"", error ? error->message : "");
  return self->model;
}

/* ---- answers ---- */

static void
set_security_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Content-Security-Policy", CONTENT_SECURITY_POLICY);
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "Cross-Origin-Opener-Policy", "same-origin");
}

static void
respond_html (SoupServerMessage *msg, guint status, GString *html, gboolean private_page)
{
  gsize len = html->len;

  set_security_headers (msg);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control",
                                private_page ? "no-store" : "no-cache");
  soup_message_headers_append (soup_server_message_get_response_headers (msg), "Vary", "Accept-Language, Cookie");
  soup_server_message_set_status (msg, status, charta_hub_reason_phrase (status));
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE, g_string_free (html, FALSE),
                                    len);
}

static void
redirect (SoupServerMessage *msg, const char *location)
{
  set_security_headers (msg);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", location);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");
  soup_server_message_set_status (msg, SOUP_STATUS_SEE_OTHER, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC, "", 0);
}

/* The page around @main: the language, the title, the header with the session. */
static GString *
layout (ChartaHubDashboard *self, const char *lang, const char *title, const char *main, Session *session)
{
  GString *out = g_string_sized_new (strlen (main) + 2048);

  g_string_append_printf (out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
                          lang);
  dash_escape (out, title);
  g_string_append (out, " — Charta hub</title>\n<link rel=\"stylesheet\" href=\"/dashboard.css\">\n"
                        "</head>\n<body>\n<a class=\"skip\" href=\"#main\">");
  dash_escape (out, T (N_("Skip to the content")));
  g_string_append (out, "</a>\n<header class=\"top\"><a href=\"/\">Charta hub</a><div>");
  if (session != NULL)
    {
      /* Translators: in the dashboard's header; %s is the city's or the reader's name */
      g_autofree char *who = g_strdup_printf (T (N_("Signed in as %s")), session->name ? session->name : "");

      dash_escape (out, who);
      if (session->city != NULL)
        {
          g_string_append_printf (out, " · <a href=\"/city/%s\">", session->city);
          dash_escape (out, T (N_("Your city")));
          g_string_append (out, "</a>");
        }
      g_string_append (out, "<form method=\"post\" action=\"/logout\"><button type=\"submit\">");
      dash_escape (out, T (N_("Sign out")));
      g_string_append (out, "</button></form>");
    }
  else
    {
      g_string_append (out, "<a href=\"/login\">");
      dash_escape (out, T (N_("Sign in")));
      g_string_append (out, "</a>");
    }
  g_string_append (out, "</div></header>\n<main id=\"main\">\n");
  g_string_append (out, main);
  g_string_append (out, "</main>\n</body>\n</html>\n");
  return out;
}

/* Builds the page @kind for @arg, or takes it from the cache. The catalogue's texts are
 * read in the C locale, whatever the hub's own, so that they are the msgids the reader's
 * catalogue translates: uselocale() switches this thread only. */
static DashPage *
get_page (ChartaHubDashboard *self, const char *kind, const char *arg, const char *period, const char *lang,
          gboolean full)
{
  g_autofree char *key = g_strdup_printf ("%s|%s|%s|%s|%d", kind, arg ? arg : "", period ? period : "", lang, full);
  DashPage *page = g_hash_table_lookup (self->pages, key);
  DashModel *model;
  locale_t old;

  if (page != NULL)
    return page;
  model = get_model (self);
  if (model == NULL)
    return NULL;
  old = uselocale (self->c_locale);
  if (strcmp (kind, "overview") == 0)
    page = dash_page_overview (model, self->messages, lang, period, NULL);
  else if (strcmp (kind, "city") == 0)
    page = dash_page_city (model, self->messages, lang, arg, full);
  else
    page = dash_page_item (model, self->messages, lang, arg, period);
  uselocale (old);
  if (page == NULL)
    return NULL;
  if (g_hash_table_size (self->pages) >= MAX_PAGES)
    g_hash_table_remove_all (self->pages);
  /* Any path may be asked for: one "not found" page per language is kept, not one per path. */
  if (page->status == SOUP_STATUS_NOT_FOUND)
    {
      g_free (key);
      key = g_strdup_printf ("not-found|%s", lang);
    }
  g_hash_table_replace (self->pages, g_steal_pointer (&key), page);
  return page;
}

static void
rendered_free (gpointer data)
{
  Rendered *rendered = data;

  g_clear_pointer (&rendered->html, g_bytes_unref);
  g_clear_pointer (&rendered->gzip, g_bytes_unref);
  g_free (rendered);
}

static GBytes *
gzip_bytes (GBytes *bytes)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  gsize size;
  const void *data = g_bytes_get_data (bytes, &size);

  if (!g_output_stream_write_all (out, data, size, NULL, NULL, NULL) || !g_output_stream_close (out, NULL, NULL))
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static gboolean
accepts_gzip (SoupServerMessage *msg)
{
  const char *accept = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                      "Accept-Encoding");

  return accept != NULL && soup_header_contains (accept, "gzip");
}

/* Sends @page with @session's header. A page is the same for every request of one
 * language and header until the store changes: it is laid out once, and gzipped once
 * for the browsers that take it (a 48 KB overview of 30 cities is about 5 KB gzipped). */
static void
respond_page (ChartaHubDashboard *self, SoupServerMessage *msg, const char *lang, DashPage *page, Session *session)
{
  g_autofree char *variant = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  Rendered *rendered;
  GBytes *body;

  if (page == NULL)
    {
      g_autoptr(GString) main = g_string_new ("<h1>");

      dash_escape (main, T (N_("The hub cannot read its store now")));
      g_string_append (main, "</h1>\n");
      respond_html (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, layout (self, lang, "", main->str, session), TRUE);
      return;
    }
  variant = session ? g_strdup_printf ("%s\t%s", session->city ? session->city : "", session->name ? session->name : "")
                    : g_strdup ("");
  if (page->rendered == NULL)
    page->rendered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, rendered_free);
  rendered = g_hash_table_lookup (page->rendered, variant);
  if (rendered == NULL)
    {
      GString *html = layout (self, lang, page->title, page->main, session);

      if (g_hash_table_size (page->rendered) >= MAX_RENDERED)
        g_hash_table_remove_all (page->rendered);
      rendered = g_new0 (Rendered, 1);
      rendered->html = g_string_free_to_bytes (html);
      g_hash_table_insert (page->rendered, g_steal_pointer (&variant), rendered);
    }
  if (accepts_gzip (msg) && rendered->gzip == NULL)
    rendered->gzip = gzip_bytes (rendered->html);
  body = accepts_gzip (msg) && rendered->gzip ? rendered->gzip : rendered->html;
  set_security_headers (msg);
  soup_message_headers_replace (headers, "Cache-Control", session ? "no-store" : "no-cache");
  soup_message_headers_append (headers, "Vary", "Accept-Language, Accept-Encoding, Cookie");
  if (body == rendered->gzip)
    soup_message_headers_replace (headers, "Content-Encoding", "gzip");
  soup_server_message_set_status (msg, page->status, NULL);
  soup_message_headers_set_content_type (headers, "text/html; charset=utf-8", NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), body);
}

static void
respond_not_found (ChartaHubDashboard *self, SoupServerMessage *msg, const char *lang, Session *session)
{
  g_autoptr(DashPage) page = dash_page_not_found (self->messages, lang);

  respond_page (self, msg, lang, page, session);
}

/* ---- sign-in and sign-out ---- */

static void
respond_login (ChartaHubDashboard *self, SoupServerMessage *msg, const char *lang, guint status, const char *problem)
{
  g_autoptr(GString) main = g_string_new ("<h1>");

  dash_escape (main, T (N_("Sign in to the hub")));
  g_string_append (main, "</h1>\n");
  if (problem != NULL)
    {
      g_string_append (main, "<p class=\"error\" role=\"alert\">");
      dash_escape (main, problem);
      g_string_append (main, "</p>\n");
    }
  g_string_append (main, "<form class=\"login\" method=\"post\" action=\"/login\">\n<label for=\"token\">");
  dash_escape (main, T (N_("Your city’s or your reader’s token")));
  g_string_append (main, "</label>\n<input id=\"token\" name=\"token\" type=\"password\" required "
                         "autocomplete=\"current-password\" spellcheck=\"false\">\n<p class=\"note\">");
  dash_escape (main, T (N_("The hub’s administrator gives it to you: charta-hub token add --city or --reader.")));
  g_string_append (main, "</p>\n<button type=\"submit\">");
  dash_escape (main, T (N_("Sign in")));
  g_string_append (main, "</button>\n</form>\n");
  respond_html (msg, status, layout (self, lang, T (N_("Sign in")), main->str, NULL), TRUE);
}

/* A form posted from another site is refused, besides the cookie's SameSite=Strict. A
 * browser's Fetch Metadata (Sec-Fetch-Site) says where the form was; under the pages'
 * Referrer-Policy: no-referrer, browsers send "Origin: null" with a form, so Origin is
 * checked only when it names a host (it must be this one, whatever scheme a TLS proxy in
 * front adds), and is all there is to go by for a browser without Fetch Metadata. */
static gboolean
origin_is_ours (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *origin = soup_message_headers_get_one (headers, "Origin");
  const char *host = soup_message_headers_get_one (headers, "Host");
  const char *site = soup_message_headers_get_one (headers, "Sec-Fetch-Site");

  if (site != NULL && strcmp (site, "same-origin") != 0)
    return FALSE;
  if (site != NULL && (origin == NULL || strcmp (origin, "null") == 0))
    return TRUE;
  if (origin == NULL || host == NULL)
    return FALSE;
  if (g_str_has_prefix (origin, "https://"))
    origin += strlen ("https://");
  else if (g_str_has_prefix (origin, "http://"))
    origin += strlen ("http://");
  else
    return FALSE;
  return g_ascii_strcasecmp (origin, host) == 0;
}

static void
refuse_cross_site (ChartaHubDashboard *self, SoupServerMessage *msg, const char *lang)
{
  g_autoptr(GString) main = g_string_new ("<h1>");

  dash_escape (main, T (N_("This form must be sent from the hub’s own page")));
  g_string_append (main, "</h1>\n");
  respond_html (msg, SOUP_STATUS_FORBIDDEN, layout (self, lang, T (N_("Refused")), main->str, NULL), TRUE);
}

static void
set_cookie (ChartaHubDashboard *self, SoupServerMessage *msg, const char *value, int max_age)
{
  g_autofree char *cookie = g_strdup_printf ("%s=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Strict%s",
                                             cookie_name (self), value, max_age, self->secure ? "; Secure" : "");

  soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie", cookie);
}

static gboolean
handle_login_post (ChartaHubDashboard *self, SoupServerMessage *msg, const char *lang, GBytes *body)
{
  g_autofree char *text = body ? g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body)) : NULL;
  g_autoptr(GHashTable) form = text ? soup_form_decode (text) : NULL;
  char *secret = form ? g_hash_table_lookup (form, "token") : NULL;
  g_autoptr(ChartaHubToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  g_autofree char *previous = NULL;
  Session *session;

  if (!origin_is_ours (msg))
    {
      refuse_cross_site (self, msg, lang);
      return TRUE;
    }
  if (secret != NULL)
    g_strstrip (secret);
  if (secret != NULL && *secret != '\0' && strlen (secret) <= 512)
    token = charta_hub_store_find_token (self->store, secret, &error);
  if (token == NULL)
    {
      if (secret != NULL)
        memset (secret, 0, strlen (secret));
      if (error != NULL)
        {
          g_warning ("event=store-error what=token-lookup message=\"%s\"", error->message);
          respond_login (self, msg, lang, SOUP_STATUS_SERVICE_UNAVAILABLE, T (N_("The hub cannot check tokens now.")));
          return TRUE;
        }
      respond_login (self, msg, lang, SOUP_STATUS_UNAUTHORIZED, T (N_("This token is unknown or revoked.")));
      return FALSE;
    }
  /* A new sign-in in this browser ends the session it had: one session per cookie. */
  previous = request_cookie (self, msg);
  if (previous != NULL)
    g_hash_table_remove (self->sessions, previous);
  session = start_session (self, token, secret);
  memset (secret, 0, strlen (secret));
  set_cookie (self, msg, session->id, SESSION_MAX_SECONDS);
  /* A city starts on its own page, a reader on the network's. */
  location = session->city ? g_strconcat ("/city/", session->city, NULL) : g_strdup ("/");
  redirect (msg, location);
  return TRUE;
}

static void
handle_logout (ChartaHubDashboard *self, SoupServerMessage *msg, const char *lang)
{
  g_autofree char *id = NULL;

  if (!origin_is_ours (msg))
    {
      refuse_cross_site (self, msg, lang);
      return;
    }
  id = request_cookie (self, msg);
  if (id != NULL)
    g_hash_table_remove (self->sessions, id);
  set_cookie (self, msg, "", 0);
  redirect (msg, "/login");
}

/* ---- routes ---- */

static void
respond_method_not_allowed (ChartaHubDashboard *self, SoupServerMessage *msg, const char *allow)
{
  set_security_headers (msg);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allow);
  soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC, "", 0);
}

static void
handle_stylesheet (SoupServerMessage *msg)
{
  set_security_headers (msg);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "max-age=3600");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/css; charset=utf-8", SOUP_MEMORY_STATIC, stylesheet,
                                    sizeof stylesheet - 1);
}

/* The period asked for: NULL for the newest, FALSE when it is not one. */
static gboolean
period_param (GHashTable *query, const char **period)
{
  *period = query ? g_hash_table_lookup (query, "period") : NULL;
  return *period == NULL || charta_report_period_range (*period, NULL, NULL, NULL);
}

static void
handle_page (ChartaHubDashboard *self, SoupServerMessage *msg, const char *path, GHashTable *query,
             const char *lang)
{
  Session *session = find_session (self, msg);
  const char *period;

  if (session == NULL && !(self->public_overview && strcmp (path, "/") == 0))
    {
      redirect (msg, "/login");
      return;
    }
  if (!period_param (query, &period))
    respond_not_found (self, msg, lang, session);
  else if (strcmp (path, "/") == 0)
    respond_page (self, msg, lang, get_page (self, "overview", NULL, period, lang, FALSE), session);
  else if (g_str_has_prefix (path, "/city/") && g_uuid_string_is_valid (path + strlen ("/city/")))
    {
      const char *city = path + strlen ("/city/");
      /* The report's body (actions, measures) is its own city's only, as in the API. */
      gboolean own = session->city != NULL && g_ascii_strcasecmp (session->city, city) == 0;

      respond_page (self, msg, lang, get_page (self, "city", city, NULL, lang, own), session);
    }
  else if (g_str_has_prefix (path, "/item/") && strlen (path) < 200)
    respond_page (self, msg, lang, get_page (self, "item", path + strlen ("/item/"), period, lang, FALSE), session);
  else
    respond_not_found (self, msg, lang, session);
}

/* A form a browser sent (a script sends JSON, or asks for it). */
static gboolean
is_form_post (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  const char *accept = soup_message_headers_get_list (headers, "Accept");

  if (strcmp (soup_server_message_get_method (msg), "POST") != 0)
    return FALSE;
  return (type != NULL && (g_ascii_strcasecmp (type, "application/x-www-form-urlencoded") == 0 ||
                           g_ascii_strcasecmp (type, "multipart/form-data") == 0)) ||
         (accept != NULL && soup_header_contains (accept, "text/html"));
}

/* ---- public API ---- */

ChartaHubDashboard *
charta_hub_dashboard_new (ChartaHubStore *store, gboolean secure, gboolean public_overview)
{
  ChartaHubDashboard *self = g_new0 (ChartaHubDashboard, 1);

  g_return_val_if_fail (store != NULL, NULL);

  self->store = store;
  self->secure = secure;
  self->public_overview = public_overview;
  self->messages = charta_hub_messages_load (NULL);
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, session_free);
  self->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) dash_page_free);
  self->version = -1;
  self->c_locale = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
  if (self->c_locale == (locale_t) 0)
    g_error ("the C locale is missing");
  return self;
}

void
charta_hub_dashboard_free (ChartaHubDashboard *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->model, dash_model_free);
  g_clear_pointer (&self->messages, charta_hub_messages_free);
  freelocale (self->c_locale);
  g_free (self);
}

gboolean
charta_hub_dashboard_owns (const char *path)
{
  return strcmp (path, "/") == 0 || strcmp (path, "/login") == 0 || strcmp (path, "/logout") == 0 ||
         strcmp (path, "/dashboard.css") == 0 || g_str_has_prefix (path, "/city/") ||
         g_str_has_prefix (path, "/item/");
}

const char *
charta_hub_dashboard_pick_language (ChartaHubDashboard *self, const char *accept_language)
{
  return charta_hub_messages_pick (self->messages, accept_language);
}

gboolean
charta_hub_dashboard_has_session (ChartaHubDashboard *self, const char *cookie_header, gint64 version)
{
  return version == self->version && session_of (self, cookie_header) != NULL;
}

gboolean
charta_hub_dashboard_refuse_too_many (ChartaHubDashboard *self, SoupServerMessage *msg, const char *path)
{
  const char *accept = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                      "Accept-Language");
  const char *lang = charta_hub_messages_pick (self->messages, accept);

  if (strcmp (path, "/login") != 0 || !is_form_post (msg))
    return FALSE;
  respond_login (self, msg, lang, 429,
                 T (N_("Too many attempts from this address. Please wait a minute, then try again.")));
  return TRUE;
}

gboolean
charta_hub_dashboard_handle (ChartaHubDashboard *self, SoupServerMessage *msg, const char *path, GHashTable *query,
                             GBytes *body)
{
  const char *method = soup_server_message_get_method (msg);
  const char *accept = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                      "Accept-Language");
  const char *lang = charta_hub_messages_pick (self->messages, accept);
  gboolean post = strcmp (method, "POST") == 0, get = strcmp (method, "GET") == 0 || strcmp (method, "HEAD") == 0;

  g_return_val_if_fail (self != NULL, TRUE);

  if (strcmp (path, "/dashboard.css") == 0)
    get ? handle_stylesheet (msg) : respond_method_not_allowed (self, msg, "GET");
  else if (!refresh (self))
    respond_page (self, msg, lang, NULL, NULL);
  else if (strcmp (path, "/login") == 0 && post)
    return handle_login_post (self, msg, lang, body);
  else if (strcmp (path, "/login") == 0)
    get ? respond_login (self, msg, lang, SOUP_STATUS_OK, NULL) : respond_method_not_allowed (self, msg, "GET, POST");
  else if (strcmp (path, "/logout") == 0)
    post ? handle_logout (self, msg, lang) : respond_method_not_allowed (self, msg, "POST");
  else if (get)
    handle_page (self, msg, path, query, lang);
  else
    respond_method_not_allowed (self, msg, "GET");
  return TRUE;
}
