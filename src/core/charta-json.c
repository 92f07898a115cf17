/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-json"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "charta-json.h"

G_DEFINE_QUARK (charta-json-error-quark, charta_json_error)

/* Member names that Charta's files repeat hundreds of thousands of times: read into one
 * shared static string each instead of a new allocation per member. */
static const char * const common_keys[] = {
  "actions", "actuals", "answer", "assessments", "baseline", "changed", "city", "conclusions",
  "consultations", "country", "date", "description", "direction", "due", "email", "end",
  "evidence", "evidence-private", "format", "frameworks", "id", "items", "key-problems", "kind",
  "label", "level", "measures", "name", "note", "notes", "organisation", "owner", "parent",
  "participants", "partners", "people", "period", "phone", "progress", "recommendations",
  "role", "serves", "situation", "sources", "start", "status", "summary", "target", "title",
  "unit", "value", "version", "workform",
};

static GHashTable *
common_key_table (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *t = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < G_N_ELEMENTS (common_keys); i++)
        g_hash_table_insert (t, (gpointer) common_keys[i], (gpointer) common_keys[i]);
      g_once_init_leave (&table, t);
    }
  return table;
}

/* A plain (escape-free, short) member name that is one of the common ones: returns the
 * shared string and moves past the closing quote; NULL leaves the reader where it was. */
static const char *
parse_common_key (const char *p, const char *end, const char **after)
{
  char buf[24];
  const char *q = p + 1;
  gsize n;

  while (q < end && *q != '"' && *q != '\\' && (guchar) *q >= 0x20 && q - p <= (gssize) sizeof buf)
    q++;
  if (q >= end || *q != '"')
    return NULL;
  n = q - p - 1;
  if (n >= sizeof buf)
    return NULL;
  memcpy (buf, p + 1, n);
  buf[n] = '\0';
  *after = q + 1;
  return g_hash_table_lookup (common_key_table (), buf);
}

typedef struct {
  const char *p;
  const char *end;
  const char *line_start;
  const char *col_ptr;   /* where the column was last counted, on the current line */
  guint col_chars;       /* characters from line_start to col_ptr */
  guint line;
  guint depth;
  GError *error;
  guint err_line;
  guint err_column;
  /* The members of the objects being read, innermost last: an object's array is made
   * once its members are known, at their number, where appending them one by one grew
   * it four or five times (a tenth of a large file's parse). */
  GArray *pending;
  /* Whether the text so far is as charta_json_write() lays it out (see
   * charta_json_parse_canonical()); followed only when asked for. */
  gboolean check_layout;
  gboolean laid_out;
} Reader;

static ChartaNode *parse_value (Reader *r);

static guint
reader_column (Reader *r, const char *at)
{
  /* Columns count characters, not bytes, so they match what an editor shows. Counting
   * goes on from the last position asked for, so a long one-line (minified) file costs
   * linear time, not quadratic. */
  if (r->col_ptr < r->line_start || at < r->col_ptr)
    {
      r->col_ptr = r->line_start;
      r->col_chars = 0;
    }
  /* What lies before @at was read already and is valid UTF-8 (strings are checked, and
   * any other byte that is not ASCII stops the reader where it stands), so the
   * characters are the bytes that do not continue one: a loop the compiler vectorises,
   * where g_utf8_strlen() took 4% of a merge. */
  for (const guchar *p = (const guchar *) r->col_ptr; p < (const guchar *) at; p++)
    r->col_chars += (*p & 0xC0) != 0x80;
  r->col_ptr = at;
  return r->col_chars + 1;
}

G_GNUC_PRINTF (4, 5)
static void
fail_at (Reader *r, const char *at, ChartaJsonError code, const char *format, ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  if (r->error != NULL)
    return;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  /* Member names quoted in messages may hold control characters: show them escaped. */
  for (char *c = msg; *c; c++)
    if ((guchar) *c < 0x20)
      *c = '?';
  r->err_line = r->line;
  r->err_column = reader_column (r, at);
  g_set_error (&r->error, CHARTA_JSON_ERROR, code, "%u:%u: %s", r->err_line, r->err_column, msg);
}

static void
skip_ws (Reader *r)
{
  while (r->p < r->end)
    {
      char c = *r->p;
      if (c == '\n')
        {
          guint32 word;

          r->line++;
          r->line_start = ++r->p;
          /* The indentation that follows, four spaces at a time. */
          while (r->end - r->p >= 4 && (memcpy (&word, r->p, sizeof word), word == 0x20202020u))
            r->p += 4;
        }
      else if (c == ' ' || c == '\t' || c == '\r')
        r->p++;
      else
        break;
    }
}

/* A line break and up to 64 levels of indentation, in one piece. */
#define SPACES_16 "                "
static const char newline_spaces[] = "\n" SPACES_16 SPACES_16 SPACES_16 SPACES_16
                                     SPACES_16 SPACES_16 SPACES_16 SPACES_16;

/* The layout check: the white space from @from to where the reader stands is @ws, of
 * @n bytes, as the writer puts it there. */
static inline void
layout_is (Reader *r, const char *from, const char *ws, gsize n)
{
  if (r->check_layout && ((gsize) (r->p - from) != n || memcmp (from, ws, n) != 0))
    r->laid_out = FALSE;
}

/* … and it is a line break and @indent levels. */
static inline void
layout_is_newline (Reader *r, const char *from, guint indent)
{
  if (2 * indent >= sizeof newline_spaces - 1)
    r->laid_out = FALSE;
  else
    layout_is (r, from, newline_spaces, 1 + 2 * indent);
}

static ChartaNode *
node_new (ChartaNodeType type, guint line, guint column)
{
  ChartaNode *node = g_new0 (ChartaNode, 1);
  node->type = type;
  node->line = line;
  node->column = column;
  return node;
}

static int
hex4 (const char *p)
{
  int v = 0;
  for (int i = 0; i < 4; i++)
    {
      int c = p[i], d;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
      else return -1;
      v = v * 16 + d;
    }
  return v;
}

/* Whether any of the 8 bytes of @w is a control character, '"' or '\\' (the bytes a
 * string escapes): a test on the whole word, so plain text is passed over 8 bytes at a
 * time (the writer spent most of its time looking at each byte). */
static inline gboolean
word_needs_escape (guint64 w)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101), highs = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 quote = w ^ (ones * '"');
  guint64 backslash = w ^ (ones * '\\');

  return ((((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash)) & highs) != 0;
}

static inline gboolean
is_plain (guchar c)
{
  return c >= 0x20 && c != '"' && c != '\\';
}

/* Reads a string starting at the opening quote; returns a newly allocated UTF-8 string. */
static char *
parse_string (Reader *r)
{
  const char *start = r->p;
  const char *run;
  GString *s;
  guint64 word, high = 0;

  g_assert (*r->p == '"');
  r->p++;
  run = r->p;

  /* Fast path: no escapes, passed over 8 bytes at a time; only text with bytes
   * beyond ASCII needs to be checked as UTF-8. */
  for (; r->end - r->p >= 8; r->p += 8)
    {
      memcpy (&word, r->p, sizeof word);
      if (word_needs_escape (word))
        break;
      high |= word;
    }
  for (; r->p < r->end && is_plain (*r->p); r->p++)
    high |= (guchar) *r->p;
  high &= G_GUINT64_CONSTANT (0x8080808080808080);
  if (r->p < r->end && *r->p == '"')
    {
      gsize n = r->p - run;
      const char *bad;
      if (n > CHARTA_JSON_MAX_STRING)
        {
          fail_at (r, start, CHARTA_JSON_ERROR_LIMIT, _("text longer than 1 MiB"));
          return NULL;
        }
      if (high != 0 && !g_utf8_validate (run, n, &bad))
        {
          fail_at (r, start, CHARTA_JSON_ERROR_ENCODING,
                   _("text is not valid UTF-8 (byte %zu of the string)"), (gsize) (bad - run) + 1);
          return NULL;
        }
      r->p++;
      return g_strndup (run, n);
    }

  s = g_string_sized_new (r->p - run + 16);
  g_string_append_len (s, run, r->p - run);
  while (r->p < r->end)
    {
      guchar c = (guchar) *r->p;
      if (c == '"')
        break;
      if (s->len > CHARTA_JSON_MAX_STRING)
        {
          fail_at (r, start, CHARTA_JSON_ERROR_LIMIT, _("text longer than 1 MiB"));
          goto fail;
        }
      if (c < 0x20)
        {
          fail_at (r, r->p, CHARTA_JSON_ERROR_SYNTAX,
                   c == '\n' ? _("unterminated string") : _("control character in a string"));
          goto fail;
        }
      if (c != '\\')
        {
          const char *q = r->p;
          while (q < r->end && *q != '"' && *q != '\\' && (guchar) *q >= 0x20)
            q++;
          g_string_append_len (s, r->p, q - r->p);
          r->p = q;
          continue;
        }
      if (r->p + 1 >= r->end)
        break;
      r->p++;
      /* The writer spells '/' as it is. */
      if (*r->p == '/')
        r->laid_out = FALSE;
      switch (*r->p)
        {
        case '"': g_string_append_c (s, '"'); break;
        case '\\': g_string_append_c (s, '\\'); break;
        case '/': g_string_append_c (s, '/'); break;
        case 'b': g_string_append_c (s, '\b'); break;
        case 'f': g_string_append_c (s, '\f'); break;
        case 'n': g_string_append_c (s, '\n'); break;
        case 'r': g_string_append_c (s, '\r'); break;
        case 't': g_string_append_c (s, '\t'); break;
        case 'u':
          {
            int cp, lo;
            if (r->end - r->p < 5 || (cp = hex4 (r->p + 1)) < 0)
              {
                fail_at (r, r->p - 1, CHARTA_JSON_ERROR_SYNTAX, _("bad \\u escape in a string"));
                goto fail;
              }
            r->p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF)
              {
                if (r->end - r->p < 7 || r->p[1] != '\\' || r->p[2] != 'u' ||
                    (lo = hex4 (r->p + 3)) < 0xDC00 || lo > 0xDFFF)
                  {
                    fail_at (r, r->p - 5, CHARTA_JSON_ERROR_ENCODING, _("unpaired surrogate in a string"));
                    goto fail;
                  }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                r->p += 6;
              }
            else if ((cp >= 0xDC00 && cp <= 0xDFFF) || cp == 0)
              {
                fail_at (r, r->p - 5, CHARTA_JSON_ERROR_ENCODING,
                         cp == 0 ? _("NUL character in a string") : _("unpaired surrogate in a string"));
                goto fail;
              }
            /* … and only control characters as \u, in four lower-case digits. */
            if (cp >= 0x20 || cp == '\b' || cp == '\f' || cp == '\n' || cp == '\r' || cp == '\t')
              r->laid_out = FALSE;
            else
              {
                char u[8];
                g_snprintf (u, sizeof u, "%04x", cp);
                if (memcmp (u, r->p - 3, 4) != 0)
                  r->laid_out = FALSE;
              }
            g_string_append_unichar (s, cp);
          }
          break;
        default:
          fail_at (r, r->p - 1, CHARTA_JSON_ERROR_SYNTAX, _("unknown escape “\\%c” in a string"), *r->p);
          goto fail;
        }
      r->p++;
    }

  if (r->p >= r->end)
    {
      fail_at (r, start, CHARTA_JSON_ERROR_SYNTAX, _("unterminated string"));
      goto fail;
    }
  r->p++;
  if (s->len > CHARTA_JSON_MAX_STRING)
    {
      fail_at (r, start, CHARTA_JSON_ERROR_LIMIT, _("text longer than 1 MiB"));
      goto fail;
    }
  {
    const char *bad;
    if (!g_utf8_validate (s->str, s->len, &bad))
      {
        fail_at (r, start, CHARTA_JSON_ERROR_ENCODING, _("text is not valid UTF-8"));
        goto fail;
      }
  }
  return g_string_free (s, FALSE);

fail:
  g_string_free (s, TRUE);
  return NULL;
}

static ChartaNode *
parse_number (Reader *r)
{
  const char *start = r->p;
  guint line = r->line, column = reader_column (r, start);
  ChartaNode *node;
  gboolean is_float = FALSE;

  if (*r->p == '-')
    r->p++;
  if (r->p < r->end && *r->p == '0')
    r->p++;
  else if (r->p < r->end && *r->p >= '1' && *r->p <= '9')
    while (r->p < r->end && g_ascii_isdigit (*r->p))
      r->p++;
  else
    goto bad;
  if (r->p < r->end && *r->p == '.')
    {
      is_float = TRUE;
      r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        goto bad;
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E'))
    {
      is_float = TRUE;
      r->p++;
      if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
        r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        goto bad;
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  if (r->p - start > 64)
    {
      fail_at (r, start, CHARTA_JSON_ERROR_LIMIT, _("number has more than 64 characters"));
      return NULL;
    }

  node = node_new (CHARTA_NODE_NUMBER, line, column);
  node->number = g_strndup (start, r->p - start);
  {
    double d = g_ascii_strtod (node->number, NULL);
    if (!isfinite (d) || (!is_float && (d > 9007199254740992.0 || d < -9007199254740992.0)))
      {
        fail_at (r, start, CHARTA_JSON_ERROR_LIMIT, _("number “%s” is out of range"), node->number);
        charta_node_free (node);
        return NULL;
      }
  }
  return node;

bad:
  fail_at (r, start, CHARTA_JSON_ERROR_SYNTAX, _("malformed number"));
  return NULL;
}

static gboolean
expect_word (Reader *r, const char *word)
{
  gsize n = strlen (word);
  if ((gsize) (r->end - r->p) >= n && memcmp (r->p, word, n) == 0)
    {
      r->p += n;
      return TRUE;
    }
  return FALSE;
}

/* Two common names are the same string only when they are the same pointer. */
static gboolean
members_have_key (const ChartaMember *members, guint n, GHashTable *index, const ChartaMember *m)
{
  if (index != NULL)
    return g_hash_table_contains (index, m->key);
  for (guint i = 0; i < n; i++)
    {
      const ChartaMember *other = &members[i];
      if (m->shared_key && other->shared_key ? other->key == m->key : strcmp (other->key, m->key) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The members read since @start, pending in @r, as @node's array. */
static void
take_pending (Reader *r, ChartaNode *node, guint start)
{
  guint n = r->pending->len - start;

  node->members = g_array_sized_new (FALSE, FALSE, sizeof (ChartaMember), n);
  g_array_append_vals (node->members, &g_array_index (r->pending, ChartaMember, start), n);
  g_array_set_size (r->pending, start);
}

static ChartaNode *
parse_object (Reader *r)
{
  ChartaNode *node = node_new (CHARTA_NODE_OBJECT, r->line, reader_column (r, r->p));
  g_autoptr(GHashTable) index = NULL;
  guint start = r->pending->len;
  guint indent = r->depth - 1;
  const char *ws;

  r->p++;
  ws = r->p;
  skip_ws (r);
  if (r->p < r->end && *r->p == '}')
    {
      layout_is (r, ws, "", 0);
      r->p++;
      take_pending (r, node, start);
      return node;
    }
  for (;;)
    {
      ChartaMember m;
      const char *key_at;

      skip_ws (r);
      layout_is_newline (r, ws, indent + 1);
      if (r->p >= r->end || *r->p != '"')
        {
          fail_at (r, r->p, CHARTA_JSON_ERROR_SYNTAX,
                   r->p >= r->end ? _("unexpected end of file inside an object")
                                  : _("expected a member name in double quotes"));
          goto fail;
        }
      key_at = r->p;
      {
        const char *after = NULL;
        const char *shared = parse_common_key (r->p, r->end, &after);
        m.shared_key = shared != NULL;
        if (shared != NULL)
          {
            m.key = (char *) shared;
            r->p = after;
          }
        else if ((m.key = parse_string (r)) == NULL)
          goto fail;
      }
      /* Duplicate keys are ambiguous (readers disagree on which wins), so refuse them. */
      if (members_have_key (&g_array_index (r->pending, ChartaMember, start), r->pending->len - start, index, &m))
        {
          fail_at (r, key_at, CHARTA_JSON_ERROR_SYNTAX, _("duplicate member “%s”"), m.key);
          if (!m.shared_key)
            g_free (m.key);
          goto fail;
        }
      ws = r->p;
      skip_ws (r);
      layout_is (r, ws, "", 0);
      if (r->p >= r->end || *r->p != ':')
        {
          fail_at (r, r->p, CHARTA_JSON_ERROR_SYNTAX, _("expected “:” after member “%s”"), m.key);
          if (!m.shared_key)
            g_free (m.key);
          goto fail;
        }
      r->p++;
      ws = r->p;
      skip_ws (r);
      layout_is (r, ws, " ", 1);
      m.value = parse_value (r);
      if (m.value == NULL)
        {
          if (!m.shared_key)
            g_free (m.key);
          goto fail;
        }
      g_array_append_val (r->pending, m);
      if (index == NULL && r->pending->len - start > 16)
        {
          index = g_hash_table_new (g_str_hash, g_str_equal);
          for (guint i = start; i < r->pending->len; i++)
            g_hash_table_add (index, g_array_index (r->pending, ChartaMember, i).key);
        }
      else if (index != NULL)
        g_hash_table_add (index, m.key);
      ws = r->p;
      skip_ws (r);
      if (r->p < r->end && *r->p == ',')
        {
          layout_is (r, ws, "", 0);
          ws = ++r->p;
          continue;
        }
      if (r->p < r->end && *r->p == '}')
        {
          layout_is_newline (r, ws, indent);
          r->p++;
          take_pending (r, node, start);
          return node;
        }
      fail_at (r, r->p, CHARTA_JSON_ERROR_SYNTAX,
               r->p >= r->end ? _("unexpected end of file inside an object")
                              : _("expected “,” or “}” after a member"));
      goto fail;
    }
fail:
  /* The members read so far are the node's, to be freed with it. */
  take_pending (r, node, start);
  charta_node_free (node);
  return NULL;
}

static ChartaNode *
parse_array (Reader *r)
{
  ChartaNode *node = node_new (CHARTA_NODE_ARRAY, r->line, reader_column (r, r->p));

  guint indent = r->depth - 1;
  const char *ws;

  node->array = g_ptr_array_new_with_free_func ((GDestroyNotify) charta_node_free);
  r->p++;
  ws = r->p;
  skip_ws (r);
  if (r->p < r->end && *r->p == ']')
    {
      layout_is (r, ws, "", 0);
      r->p++;
      return node;
    }
  for (;;)
    {
      ChartaNode *value;
      skip_ws (r);
      layout_is_newline (r, ws, indent + 1);
      value = parse_value (r);
      if (value == NULL)
        goto fail;
      g_ptr_array_add (node->array, value);
      ws = r->p;
      skip_ws (r);
      if (r->p < r->end && *r->p == ',')
        {
          layout_is (r, ws, "", 0);
          ws = ++r->p;
          continue;
        }
      if (r->p < r->end && *r->p == ']')
        {
          layout_is_newline (r, ws, indent);
          r->p++;
          return node;
        }
      fail_at (r, r->p, CHARTA_JSON_ERROR_SYNTAX,
               r->p >= r->end ? _("unexpected end of file inside a list")
                              : _("expected “,” or “]” after a list element"));
      goto fail;
    }
fail:
  charta_node_free (node);
  return NULL;
}

static ChartaNode *
parse_value (Reader *r)
{
  guint line = r->line;
  guint column;
  ChartaNode *node;

  if (r->p >= r->end)
    {
      fail_at (r, r->p, CHARTA_JSON_ERROR_SYNTAX, _("unexpected end of file, expected a value"));
      return NULL;
    }
  column = reader_column (r, r->p);
  switch (*r->p)
    {
    case '{':
    case '[':
      if (r->depth >= CHARTA_JSON_MAX_DEPTH)
        {
          fail_at (r, r->p, CHARTA_JSON_ERROR_LIMIT,
                   _("nested more than %d levels deep"), CHARTA_JSON_MAX_DEPTH);
          return NULL;
        }
      r->depth++;
      node = *r->p == '{' ? parse_object (r) : parse_array (r);
      r->depth--;
      return node;
    case '"':
      {
        char *s = parse_string (r);
        if (s == NULL)
          return NULL;
        node = node_new (CHARTA_NODE_STRING, line, column);
        node->string = s;
        return node;
      }
    case 't':
    case 'f':
    case 'n':
      if (expect_word (r, "true") || expect_word (r, "false"))
        {
          node = node_new (CHARTA_NODE_BOOL, line, column);
          node->boolean = r->p[-1] == 'e' && r->p[-2] == 'u';
          return node;
        }
      if (expect_word (r, "null"))
        return node_new (CHARTA_NODE_NULL, line, column);
      break;
    default:
      if (*r->p == '-' || g_ascii_isdigit (*r->p))
        return parse_number (r);
      break;
    }
  {
    const char *at = r->p;
    if (expect_word (r, "NaN") || expect_word (r, "Infinity"))
      {
        fail_at (r, at, CHARTA_JSON_ERROR_SYNTAX, _("NaN and Infinity are not allowed in JSON"));
        return NULL;
      }
  }
  if ((guchar) *r->p >= 0x80 || (guchar) *r->p < 0x20)
    fail_at (r, r->p, CHARTA_JSON_ERROR_SYNTAX, _("unexpected byte 0x%02X, expected a value"), (guchar) *r->p);
  else
    fail_at (r, r->p, CHARTA_JSON_ERROR_SYNTAX, _("unexpected “%c”, expected a value"), *r->p);
  return NULL;
}

static ChartaNode *
parse_document (const char *data, gsize len, gboolean *laid_out, guint *line, guint *column, GError **error)
{
  Reader r = { 0 };
  ChartaNode *root;
  const char *ws;

  r.check_layout = laid_out != NULL;
  r.laid_out = TRUE;
  r.p = r.line_start = data;
  r.end = data + len;
  r.line = 1;
  r.pending = g_array_sized_new (FALSE, FALSE, sizeof (ChartaMember), 64);

  /* A UTF-8 byte order mark is harmless; skip it rather than refuse the file. */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      r.p = r.line_start = data + 3;
      r.laid_out = FALSE;
    }

  ws = r.p;
  skip_ws (&r);
  layout_is (&r, ws, "", 0);
  if (r.p >= r.end)
    {
      fail_at (&r, r.p, CHARTA_JSON_ERROR_SYNTAX, _("the file is empty"));
      root = NULL;
    }
  else
    root = parse_value (&r);
  if (root != NULL)
    {
      ws = r.p;
      skip_ws (&r);
      layout_is (&r, ws, "\n", 1);
      if (r.p < r.end)
        {
          fail_at (&r, r.p, CHARTA_JSON_ERROR_SYNTAX, _("unexpected text after the end of the document"));
          g_clear_pointer (&root, charta_node_free);
        }
    }
  g_array_unref (r.pending);
  if (root == NULL)
    {
      if (line) *line = r.err_line;
      if (column) *column = r.err_column;
      g_propagate_error (error, r.error);
    }
  if (laid_out != NULL)
    *laid_out = root != NULL && r.laid_out;
  return root;
}

ChartaNode *
charta_json_parse (const char *data, gsize len, guint *line, guint *column, GError **error)
{
  return parse_document (data, len, NULL, line, column, error);
}

ChartaNode *
charta_json_parse_canonical (const char *data, gsize len, gboolean *laid_out, GError **error)
{
  g_return_val_if_fail (laid_out != NULL, NULL);
  return parse_document (data, len, laid_out, NULL, NULL, error);
}

void
charta_node_free (ChartaNode *node)
{
  if (node == NULL)
    return;
  switch (node->type)
    {
    case CHARTA_NODE_NUMBER: g_free (node->number); break;
    case CHARTA_NODE_STRING: g_free (node->string); break;
    case CHARTA_NODE_ARRAY: g_ptr_array_unref (node->array); break;
    case CHARTA_NODE_OBJECT:
      for (guint i = 0; i < node->members->len; i++)
        {
          ChartaMember *m = &g_array_index (node->members, ChartaMember, i);
          if (!m->shared_key)
            g_free (m->key);
          charta_node_free (m->value);
        }
      g_array_unref (node->members);
      break;
    case CHARTA_NODE_NULL:
    case CHARTA_NODE_BOOL:
    default:
      break;
    }
  g_free (node);
}

ChartaNode *
charta_node_copy (const ChartaNode *node)
{
  ChartaNode *copy;

  if (node == NULL)
    return NULL;
  copy = node_new (node->type, node->line, node->column);
  switch (node->type)
    {
    case CHARTA_NODE_BOOL: copy->boolean = node->boolean; break;
    case CHARTA_NODE_NUMBER: copy->number = g_strdup (node->number); break;
    case CHARTA_NODE_STRING: copy->string = g_strdup (node->string); break;
    case CHARTA_NODE_ARRAY:
      copy->array = g_ptr_array_new_full (node->array->len, (GDestroyNotify) charta_node_free);
      for (guint i = 0; i < node->array->len; i++)
        g_ptr_array_add (copy->array, charta_node_copy (g_ptr_array_index (node->array, i)));
      break;
    case CHARTA_NODE_OBJECT:
      copy->members = g_array_sized_new (FALSE, FALSE, sizeof (ChartaMember), node->members->len);
      for (guint i = 0; i < node->members->len; i++)
        {
          ChartaMember *m = &g_array_index (node->members, ChartaMember, i);
          ChartaMember c = { m->shared_key ? m->key : g_strdup (m->key), charta_node_copy (m->value), m->shared_key };
          g_array_append_val (copy->members, c);
        }
      break;
    case CHARTA_NODE_NULL:
    default:
      break;
    }
  return copy;
}

gboolean
charta_node_equal (const ChartaNode *a, const ChartaNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->type != b->type)
    return FALSE;
  switch (a->type)
    {
    case CHARTA_NODE_NULL: return TRUE;
    case CHARTA_NODE_BOOL: return !a->boolean == !b->boolean;
    case CHARTA_NODE_NUMBER: return strcmp (a->number, b->number) == 0;
    case CHARTA_NODE_STRING: return strcmp (a->string, b->string) == 0;
    case CHARTA_NODE_ARRAY:
      if (a->array->len != b->array->len)
        return FALSE;
      for (guint i = 0; i < a->array->len; i++)
        if (!charta_node_equal (g_ptr_array_index (a->array, i), g_ptr_array_index (b->array, i)))
          return FALSE;
      return TRUE;
    case CHARTA_NODE_OBJECT:
      if (a->members->len != b->members->len)
        return FALSE;
      for (guint i = 0; i < a->members->len; i++)
        {
          ChartaMember *ma = &g_array_index (a->members, ChartaMember, i);
          ChartaMember *mb = &g_array_index (b->members, ChartaMember, i);
          if (strcmp (ma->key, mb->key) != 0 || !charta_node_equal (ma->value, mb->value))
            return FALSE;
        }
      return TRUE;
    default:
      return FALSE;
    }
}

ChartaNode *
charta_node_new_string (const char *s)
{
  ChartaNode *node = node_new (CHARTA_NODE_STRING, 0, 0);
  node->string = g_strdup (s ? s : "");
  return node;
}

char *
charta_json_format_double (double d)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (d == floor (d) && fabs (d) < 1e15)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) d);
  /* The shortest form that reads back as the same double. */
  for (int precision = 1; precision <= 17; precision++)
    {
      char fmt[8];
      g_snprintf (fmt, sizeof fmt, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, fmt, d);
      if (g_ascii_strtod (buf, NULL) == d)
        break;
    }
  return g_strdup (buf);
}

ChartaNode *
charta_node_new_number_double (double d)
{
  ChartaNode *node = node_new (CHARTA_NODE_NUMBER, 0, 0);
  g_return_val_if_fail (isfinite (d), node);
  node->number = charta_json_format_double (d);
  return node;
}

ChartaNode *
charta_node_new_number_int (gint64 i)
{
  ChartaNode *node = node_new (CHARTA_NODE_NUMBER, 0, 0);
  node->number = g_strdup_printf ("%" G_GINT64_FORMAT, i);
  return node;
}

ChartaNode *
charta_node_new_bool (gboolean b)
{
  ChartaNode *node = node_new (CHARTA_NODE_BOOL, 0, 0);
  node->boolean = !!b;
  return node;
}

ChartaNode *
charta_node_new_null (void)
{
  return node_new (CHARTA_NODE_NULL, 0, 0);
}

ChartaNode *
charta_node_new_array (void)
{
  ChartaNode *node = node_new (CHARTA_NODE_ARRAY, 0, 0);
  node->array = g_ptr_array_new_with_free_func ((GDestroyNotify) charta_node_free);
  return node;
}

ChartaNode *
charta_node_new_object (void)
{
  ChartaNode *node = node_new (CHARTA_NODE_OBJECT, 0, 0);
  node->members = g_array_new (FALSE, FALSE, sizeof (ChartaMember));
  return node;
}

ChartaNode *
charta_node_get_member (const ChartaNode *object, const char *key)
{
  g_return_val_if_fail (object != NULL && object->type == CHARTA_NODE_OBJECT, NULL);
  for (guint i = 0; i < object->members->len; i++)
    {
      ChartaMember *m = &g_array_index (object->members, ChartaMember, i);
      if (strcmp (m->key, key) == 0)
        return m->value;
    }
  return NULL;
}

void
charta_node_set_member (ChartaNode *object, const char *key, ChartaNode *value)
{
  ChartaMember m;

  g_return_if_fail (object != NULL && object->type == CHARTA_NODE_OBJECT);
  for (guint i = 0; i < object->members->len; i++)
    {
      ChartaMember *e = &g_array_index (object->members, ChartaMember, i);
      if (strcmp (e->key, key) == 0)
        {
          charta_node_free (e->value);
          e->value = value;
          return;
        }
    }
  m.key = g_strdup (key);
  m.value = value;
  m.shared_key = FALSE;
  g_array_append_val (object->members, m);
}

void
charta_node_append (ChartaNode *array, ChartaNode *value)
{
  g_return_if_fail (array != NULL && array->type == CHARTA_NODE_ARRAY);
  g_ptr_array_add (array->array, value);
}

const char *
charta_node_type_name (ChartaNodeType type)
{
  switch (type)
    {
    case CHARTA_NODE_NULL: return _("null");
    case CHARTA_NODE_BOOL: return _("true or false");
    case CHARTA_NODE_NUMBER: return _("a number");
    case CHARTA_NODE_STRING: return _("a text");
    case CHARTA_NODE_ARRAY: return _("a list");
    case CHARTA_NODE_OBJECT: return _("an object");
    default: return "?";
    }
}

gboolean
charta_node_get_double (const ChartaNode *node, double *out)
{
  if (node == NULL || node->type != CHARTA_NODE_NUMBER)
    return FALSE;
  *out = g_ascii_strtod (node->number, NULL);
  return TRUE;
}

gboolean
charta_node_get_int (const ChartaNode *node, gint64 *out)
{
  double d;

  if (!charta_node_get_double (node, &d) || d != floor (d) || fabs (d) > 9007199254740992.0)
    return FALSE;
  *out = (gint64) d;
  return TRUE;
}

/* Where the writer puts the text: appended to @out; or, with @compare set, compared
 * with that text as it is written, so it is never in memory (see charta_json_is_text()). */
typedef struct {
  GString *out;
  const char *compare;
  gsize compare_len;
  gsize compared;       /* bytes of @compare matched */
  gboolean differs;
} Writer;

static inline void
put (Writer *w, const char *s, gsize n)
{
  if (w->compare == NULL)
    {
      g_string_append_len (w->out, s, n);
      return;
    }
  if (w->differs || n > w->compare_len - w->compared || memcmp (w->compare + w->compared, s, n) != 0)
    {
      w->differs = TRUE;
      return;
    }
  w->compared += n;
}

static inline void
put_c (Writer *w, char c)
{
  if (w->compare == NULL)
    {
      g_string_append_c (w->out, c);
      return;
    }
  if (w->differs || w->compared >= w->compare_len || w->compare[w->compared] != c)
    {
      w->differs = TRUE;
      return;
    }
  w->compared++;
}

static void
write_string (Writer *w, const char *s)
{
  const char *end = s + strlen (s);
  const char *run = s;

  put_c (w, '"');
  for (const char *p = s; p < end; p++)
    {
      guchar c;
      guint64 word;

      for (; end - p >= 8; p += 8)
        {
          memcpy (&word, p, sizeof word);
          if (word_needs_escape (word))
            break;
        }
      while (p < end && is_plain (*p))
        p++;
      if (p == end)
        break;
      c = (guchar) *p;
      put (w, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"': put (w, "\\\"", 2); break;
        case '\\': put (w, "\\\\", 2); break;
        case '\n': put (w, "\\n", 2); break;
        case '\t': put (w, "\\t", 2); break;
        case '\r': put (w, "\\r", 2); break;
        case '\b': put (w, "\\b", 2); break;
        case '\f': put (w, "\\f", 2); break;
        default:
          {
            char u[8];
            g_snprintf (u, sizeof u, "\\u%04x", c);
            put (w, u, 6);
          }
          break;
        }
    }
  put (w, run, end - run);
  put_c (w, '"');
}

void
charta_json_write_string (GString *out, const char *s)
{
  Writer w = { out, NULL, 0, 0, FALSE };

  write_string (&w, s);
}

static void
write_indent (Writer *w, guint indent)
{
  if (2 * indent < sizeof newline_spaces - 1)
    {
      put (w, newline_spaces, 1 + 2 * indent);
      return;
    }
  put_c (w, '\n');
  for (guint i = 0; i < indent; i++)
    put (w, "  ", 2);
}

void
charta_json_write_newline (GString *out, guint indent)
{
  Writer w = { out, NULL, 0, 0, FALSE };

  write_indent (&w, indent);
}

static void
write_node (Writer *w, const ChartaNode *node, guint indent)
{
  switch (node->type)
    {
    case CHARTA_NODE_NULL: put (w, "null", 4); break;
    case CHARTA_NODE_BOOL:
      if (node->boolean)
        put (w, "true", 4);
      else
        put (w, "false", 5);
      break;
    case CHARTA_NODE_NUMBER: put (w, node->number, strlen (node->number)); break;
    case CHARTA_NODE_STRING: write_string (w, node->string); break;
    case CHARTA_NODE_ARRAY:
      if (node->array->len == 0)
        {
          put (w, "[]", 2);
          break;
        }
      put_c (w, '[');
      for (guint i = 0; i < node->array->len && !w->differs; i++)
        {
          if (i > 0)
            put_c (w, ',');
          write_indent (w, indent + 1);
          write_node (w, g_ptr_array_index (node->array, i), indent + 1);
        }
      write_indent (w, indent);
      put_c (w, ']');
      break;
    case CHARTA_NODE_OBJECT:
      if (node->members->len == 0)
        {
          put (w, "{}", 2);
          break;
        }
      put_c (w, '{');
      for (guint i = 0; i < node->members->len && !w->differs; i++)
        {
          ChartaMember *m = &g_array_index (node->members, ChartaMember, i);
          if (i > 0)
            put_c (w, ',');
          write_indent (w, indent + 1);
          write_string (w, m->key);
          put (w, ": ", 2);
          write_node (w, m->value, indent + 1);
        }
      write_indent (w, indent);
      put_c (w, '}');
      break;
    default:
      g_assert_not_reached ();
    }
}

void
charta_json_write (GString *out, const ChartaNode *node, guint indent)
{
  Writer w = { out, NULL, 0, 0, FALSE };

  write_node (&w, node, indent);
}

gboolean
charta_json_is_text (const ChartaNode *node, const char *data, gsize len)
{
  Writer w = { NULL, data, len, 0, FALSE };

  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  write_node (&w, node, 0);
  put_c (&w, '\n');
  return !w.differs && w.compared == len;
}
