/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-hub-fast"
#include "config.h"

#include <string.h>

#include "charta-hub-fast.h"

#define MAX_TARGET 512
#define MAX_HEADERS 32
#define MAX_NAME 40
#define MAX_VALUE 1024

/* Headers that change nothing in the answers the fast path gives (nor in how libsoup
 * reads the request), besides those it reads itself. Any other header — Content-Length,
 * Transfer-Encoding, Expect, Upgrade, Origin, … — leaves the request to libsoup. */
static const char * const ignored_headers[] = {
  "User-Agent", "Accept", "Cache-Control", "Pragma", "Referer", "DNT", "Upgrade-Insecure-Requests",
  "Sec-Fetch-Site", "Sec-Fetch-Mode", "Sec-Fetch-User", "Sec-Fetch-Dest", "Sec-CH-UA", "Sec-CH-UA-Mobile",
  "Sec-CH-UA-Platform", "Priority", "If-None-Match", "If-Modified-Since",
};

gboolean
charta_hub_fast_disabled (void)
{
  const char *value = g_getenv ("CHARTA_HUB_NO_FAST_PATH");

  return value != NULL && *value != '\0' && strcmp (value, "0") != 0;
}

/* Unreserved characters and the few a query of the hub's needs: nothing libsoup would
 * decode, normalize or refuse. */
static gboolean
target_is_plain (const char *target, gsize len)
{
  gboolean query = FALSE;

  if (len == 0 || len > MAX_TARGET || target[0] != '/')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = target[i];

      if (c == '?')
        {
          if (query)
            return FALSE;
          query = TRUE;
        }
      else if (!g_ascii_isalnum (c) && c != '-' && c != '.' && c != '_' && c != '~' && c != '/' &&
               !(query && (c == '=' || c == '&')))
        return FALSE;
      /* No dot segments, no empty segments: libsoup's path is then the target's. */
      if (!query && c == '/' && i + 1 < len && (target[i + 1] == '/' || target[i + 1] == '.'))
        return FALSE;
    }
  return TRUE;
}

/* A host name or IPv4 address and an optional port: what libsoup makes a valid URI of.
 * An IP literal in brackets ("[::1]") is left to libsoup, which refuses some that look
 * plain ("[1.2.3.4]", "[::::::::::]") with 400. */
static gboolean
host_is_plain (const char *host)
{
  const char *p = host;
  guint64 port;

  for (; g_ascii_isalnum (*p) || *p == '-' || *p == '.'; p++)
    ;
  if (p == host)
    return FALSE;
  if (*p == '\0')
    return TRUE;
  if (*p != ':' || strlen (p + 1) < 1 || strlen (p + 1) > 5)
    return FALSE;
  for (const char *d = p + 1; *d; d++)
    if (!g_ascii_isdigit (*d))
      return FALSE;
  return g_ascii_string_to_unsigned (p + 1, 10, 1, 65535, &port, NULL);
}

static gboolean
is_ignored (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (ignored_headers); i++)
    if (g_ascii_strcasecmp (name, ignored_headers[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Keeps @value as the one value of a header the fast path reads: FALSE when it has one. */
static gboolean
take_once (const char **slot, const char *value)
{
  if (*slot != NULL)
    return FALSE;
  *slot = value;
  return TRUE;
}

static gboolean
take_header (ChartaHubFastRequest *request, const char *name, const char *value, const char **host,
             gboolean *connection)
{
  if (g_ascii_strcasecmp (name, "Host") == 0)
    return take_once (host, value) && host_is_plain (value);
  if (g_ascii_strcasecmp (name, "Accept-Language") == 0)
    return take_once (&request->accept_language, value);
  if (g_ascii_strcasecmp (name, "Accept-Encoding") == 0)
    return take_once (&request->accept_encoding, value);
  if (g_ascii_strcasecmp (name, "Authorization") == 0)
    return take_once (&request->authorization, value);
  if (g_ascii_strcasecmp (name, "Cookie") == 0)
    return take_once (&request->cookie, value);
  /* One Connection header, of one token: keep-alive (HTTP/1.1's default) or close. */
  if (g_ascii_strcasecmp (name, "Connection") == 0)
    {
      if (*connection || (g_ascii_strcasecmp (value, "keep-alive") != 0 && g_ascii_strcasecmp (value, "close") != 0))
        return FALSE;
      *connection = TRUE;
      request->close = g_ascii_strcasecmp (value, "close") == 0;
      return TRUE;
    }
  return is_ignored (name);
}

/* One header line, @line to @end (its CR): name, colon, value in visible ASCII, spaces
 * and tabs; the value's surrounding blanks are dropped, as libsoup does. */
static gboolean
parse_header (char *line, char *end, ChartaHubFastRequest *request, const char **host, gboolean *connection)
{
  char *colon, *value, *value_end;

  for (colon = line; colon < end && (g_ascii_isalnum (*colon) || *colon == '-'); colon++)
    ;
  if (colon == line || colon == end || *colon != ':' || colon - line > MAX_NAME)
    return FALSE;
  for (char *p = colon + 1; p < end; p++)
    if ((*p < 0x20 || *p > 0x7e) && *p != '\t')
      return FALSE;
  *colon = '\0';
  for (value = colon + 1; value < end && (*value == ' ' || *value == '\t'); value++)
    ;
  for (value_end = end; value_end > value && (value_end[-1] == ' ' || value_end[-1] == '\t'); value_end--)
    ;
  if (value_end - value > MAX_VALUE)
    return FALSE;
  *value_end = '\0';
  return take_header (request, line, value, host, connection);
}

gboolean
charta_hub_fast_parse (char *buf, gsize len, ChartaHubFastRequest *request)
{
  static const char method[] = "GET ", version[] = " HTTP/1.1\r\n";
  const char *host = NULL;
  gboolean connection = FALSE;
  char *line, *end, *target_end;
  gsize line_len;
  guint headers = 0;

  memset (request, 0, sizeof *request);
  if (len > CHARTA_HUB_FAST_MAX_HEAD || len < sizeof method - 1 || memcmp (buf, method, sizeof method - 1) != 0)
    return FALSE;
  end = memchr (buf, '\n', len);
  if (end == NULL || end == buf || end[-1] != '\r')
    return FALSE;
  /* Offsets, not pointers before @buf: the request line holds the method and the version. */
  line_len = end + 1 - buf;
  if (line_len < (sizeof method - 1) + (sizeof version - 1))
    return FALSE;
  target_end = buf + line_len - (sizeof version - 1);
  if (memcmp (target_end, version, sizeof version - 1) != 0 ||
      !target_is_plain (buf + sizeof method - 1, target_end - (buf + sizeof method - 1)))
    return FALSE;
  *target_end = '\0';
  request->target = buf + sizeof method - 1;
  /* Each line ends with CRLF; a bare CR or LF, a folded line or a control character
   * anywhere leaves the request to libsoup. */
  for (line = end + 1;; line = end + 1)
    {
      end = memchr (line, '\n', buf + len - line);
      if (end == NULL || end == line || end[-1] != '\r' || memchr (line, '\r', end - 1 - line) != NULL)
        return FALSE;
      if (end - 1 == line)
        break;
      if (++headers > MAX_HEADERS || !parse_header (line, end - 1, request, &host, &connection))
        return FALSE;
    }
  request->length = end + 1 - buf;
  return host != NULL;
}
