/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-json.c: the strict JSON reader and the canonical writer. */
#define G_LOG_DOMAIN "test-json"
#include "config.h"

#include <math.h>
#include <string.h>

#include "charta-json.h"

/* ---- helpers ---- */

static ChartaNode *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  ChartaNode *node = charta_json_parse (text, strlen (text), NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* Parses @len bytes that must be refused with @code at @line:@column (0 = any). */
static void
assert_refused_len (const char *text, gsize len, ChartaJsonError code, guint line, guint column)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaNode) node = NULL;
  guint l = 0, c = 0;

  node = charta_json_parse (text, len, &l, &c, &error);
  if (node != NULL)
    {
      g_test_message ("accepted, should be refused: %.*s", (int) MIN (len, 80), text);
      g_test_fail ();
      return;
    }
  g_assert_error (error, CHARTA_JSON_ERROR, (int) code);
  g_assert_cmpuint (l, >=, 1);
  g_assert_cmpuint (c, >=, 1);
  if (line != 0)
    g_assert_cmpuint (l, ==, line);
  if (column != 0)
    g_assert_cmpuint (c, ==, column);
  {
    /* The message starts with the same position. */
    g_autofree char *prefix = g_strdup_printf ("%u:%u: ", l, c);
    g_assert_true (g_str_has_prefix (error->message, prefix));
    g_assert_cmpuint (strlen (error->message), >, strlen (prefix));
  }
}

static void
assert_refused (const char *text, ChartaJsonError code, guint line, guint column)
{
  assert_refused_len (text, strlen (text), code, line, column);
}

static char *
write_node (const ChartaNode *node)
{
  GString *out = g_string_new (NULL);
  charta_json_write (out, node, 0);
  return g_string_free (out, FALSE);
}

/* ---- valid documents ---- */

static void
test_parse_valid (void)
{
  g_autoptr(ChartaNode) root = parse_ok (
    "{\n"
    "  \"s\": \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\",\n"
    "  \"i\": -12,\n"
    "  \"f\": 0.5e-3,\n"
    "  \"t\": true, \"n\": null, \"no\": false,\n"
    "  \"a\": [1, [], {}, \"é\"],\n"
    "  \"o\": {\"x\": {\"y\": [null]}}\n"
    "}\n");
  ChartaNode *n;
  gint64 i;
  double d;

  g_assert_cmpint (root->type, ==, CHARTA_NODE_OBJECT);
  g_assert_cmpuint (root->members->len, ==, 8);
  g_assert_cmpstr (g_array_index (root->members, ChartaMember, 0).key, ==, "s");
  g_assert_cmpstr (g_array_index (root->members, ChartaMember, 7).key, ==, "o");

  n = charta_node_get_member (root, "s");
  g_assert_cmpint (n->type, ==, CHARTA_NODE_STRING);
  g_assert_cmpstr (n->string, ==, "a\"b\\c/d\b\f\n\r\t\xc3\xa9\xf0\x9f\x98\x80");
  g_assert_cmpuint (n->line, ==, 2);
  g_assert_cmpuint (n->column, ==, 8);

  n = charta_node_get_member (root, "i");
  g_assert_true (charta_node_get_int (n, &i));
  g_assert_cmpint (i, ==, -12);
  g_assert_cmpstr (n->number, ==, "-12");

  n = charta_node_get_member (root, "f");
  g_assert_false (charta_node_get_int (n, &i));
  g_assert_true (charta_node_get_double (n, &d));
  g_assert_cmpfloat (d, ==, 0.0005);

  n = charta_node_get_member (root, "t");
  g_assert_cmpint (n->type, ==, CHARTA_NODE_BOOL);
  g_assert_true (n->boolean);
  g_assert_cmpuint (n->line, ==, 5);
  g_assert_cmpuint (n->column, ==, 8);
  n = charta_node_get_member (root, "no");
  g_assert_cmpint (n->type, ==, CHARTA_NODE_BOOL);
  g_assert_false (n->boolean);
  g_assert_cmpint (charta_node_get_member (root, "n")->type, ==, CHARTA_NODE_NULL);

  n = charta_node_get_member (root, "a");
  g_assert_cmpint (n->type, ==, CHARTA_NODE_ARRAY);
  g_assert_cmpuint (n->array->len, ==, 4);
  g_assert_cmpint (((ChartaNode *) g_ptr_array_index (n->array, 1))->type, ==, CHARTA_NODE_ARRAY);
  g_assert_cmpint (((ChartaNode *) g_ptr_array_index (n->array, 2))->type, ==, CHARTA_NODE_OBJECT);
  g_assert_cmpstr (((ChartaNode *) g_ptr_array_index (n->array, 3))->string, ==, "é");

  n = charta_node_get_member (charta_node_get_member (root, "o"), "x");
  g_assert_cmpint (n->type, ==, CHARTA_NODE_OBJECT);
  g_assert_null (charta_node_get_member (root, "missing"));
}

static void
test_parse_scalars (void)
{
  /* Each document, the type it parses to, and its value: a number's literal exactly as
   * written (lossless), a string's text, a container's size; and where it starts. */
  const struct {
    const char *doc;
    ChartaNodeType type;
    const char *value;   /* number literal or string; "true"/"false" for booleans */
    guint size;          /* of an array or object */
    guint line, column;
  } cases[] = {
    { "0", CHARTA_NODE_NUMBER, "0", 0, 1, 1 },
    { "-0", CHARTA_NODE_NUMBER, "-0", 0, 1, 1 },
    { "1.5", CHARTA_NODE_NUMBER, "1.5", 0, 1, 1 },
    { "-1.5E+3", CHARTA_NODE_NUMBER, "-1.5E+3", 0, 1, 1 },
    { "1e-400", CHARTA_NODE_NUMBER, "1e-400", 0, 1, 1 },
    { "\"\"", CHARTA_NODE_STRING, "", 0, 1, 1 },
    { "\"a\\u00e9\\n\"", CHARTA_NODE_STRING, "a\xC3\xA9\n", 0, 1, 1 },
    { "true", CHARTA_NODE_BOOL, "true", 0, 1, 1 },
    { "false", CHARTA_NODE_BOOL, "false", 0, 1, 1 },
    { "null", CHARTA_NODE_NULL, NULL, 0, 1, 1 },
    { "[]", CHARTA_NODE_ARRAY, NULL, 0, 1, 1 },
    { "[1, [2], {}]", CHARTA_NODE_ARRAY, NULL, 3, 1, 1 },
    { "{}", CHARTA_NODE_OBJECT, NULL, 0, 1, 1 },
    { " \t\r\n 7 \n", CHARTA_NODE_NUMBER, "7", 0, 2, 2 },
    { "\xEF\xBB\xBF{\"bom\": 1}", CHARTA_NODE_OBJECT, NULL, 1, 1, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ChartaNode) node = parse_ok (cases[i].doc);

      g_test_message ("document %u: %s", i, cases[i].doc);
      g_assert_cmpint (node->type, ==, cases[i].type);
      g_assert_cmpuint (node->line, ==, cases[i].line);
      g_assert_cmpuint (node->column, ==, cases[i].column);
      switch (node->type)
        {
        case CHARTA_NODE_NUMBER:
          g_assert_cmpstr (node->number, ==, cases[i].value);
          break;
        case CHARTA_NODE_STRING:
          g_assert_cmpstr (node->string, ==, cases[i].value);
          break;
        case CHARTA_NODE_BOOL:
          g_assert_cmpint (node->boolean, ==, strcmp (cases[i].value, "true") == 0);
          break;
        case CHARTA_NODE_ARRAY:
          g_assert_cmpuint (node->array->len, ==, cases[i].size);
          break;
        case CHARTA_NODE_OBJECT:
          g_assert_cmpuint (node->members->len, ==, cases[i].size);
          break;
        case CHARTA_NODE_NULL:
        default:
          break;
        }
    }
  /* And the values read back through the typed getters. */
  {
    g_autoptr(ChartaNode) number = parse_ok ("-1.5E+3");
    g_autoptr(ChartaNode) integer = parse_ok ("-42");
    g_autoptr(ChartaNode) fraction = parse_ok ("1.5");
    g_autoptr(ChartaNode) object = parse_ok ("{\"bom\": 1}");
    double d = 0;
    gint64 n = 0;

    g_assert_true (charta_node_get_double (number, &d));
    g_assert_cmpfloat (d, ==, -1500.0);
    g_assert_false (charta_node_get_int (fraction, &n));
    g_assert_true (charta_node_get_int (integer, &n));
    g_assert_cmpint (n, ==, -42);
    g_assert_true (charta_node_get_int (charta_node_get_member (object, "bom"), &n));
    g_assert_cmpint (n, ==, 1);
  }
}

static void
test_parse_position (void)
{
  /* The bad token "@" is on line 3, column 5. */
  assert_refused ("[\n  1,\n    @\n]", CHARTA_JSON_ERROR_SYNTAX, 3, 5);
  /* Missing ":" on line 3 after "b", at column 7. */
  assert_refused ("{\n  \"a\": 1,\n  \"b\" 2\n}", CHARTA_JSON_ERROR_SYNTAX, 3, 7);
  /* Columns count characters, not bytes: "é" is one column. */
  assert_refused ("[\"éé\", x]", CHARTA_JSON_ERROR_SYNTAX, 1, 8);
  /* CR LF line ends: the LF starts the line. */
  assert_refused ("[\r\n1,\r\n  }", CHARTA_JSON_ERROR_SYNTAX, 3, 3);
  /* Unexpected end of file points past the last character. */
  assert_refused ("[1,\n 2", CHARTA_JSON_ERROR_SYNTAX, 2, 3);
  /* A byte-order mark is not a column. */
  assert_refused ("\xEF\xBB\xBF[x]", CHARTA_JSON_ERROR_SYNTAX, 1, 2);
}

/* A long minified line: columns stay exact (and counting them stays linear; a quadratic
 * count would run into the test's time limit). */
static void
test_parse_position_long_line (void)
{
  const guint n = 500000;
  GString *s = g_string_sized_new (4 * n);

  g_string_append_c (s, '[');
  for (guint i = 0; i < n; i++)
    g_string_append (s, i % 2 ? "1," : "\"é\",");
  /* A stray byte after n values of 2 or 4 characters each. */
  g_string_append (s, "\xff]");
  assert_refused_len (s->str, s->len, CHARTA_JSON_ERROR_SYNTAX, 1, 1 + n / 2 * 2 + n / 2 * 4 + 1);
  /* The same, valid, on a second line after a long first line. */
  g_string_truncate (s, s->len - 2);
  g_string_append (s, "\n  \"é\", @]");
  assert_refused_len (s->str, s->len, CHARTA_JSON_ERROR_SYNTAX, 2, 8);
  g_string_free (s, TRUE);
}

/* NaN and Infinity are reported where they start, like every other bad value. */
static void
test_parse_position_nan (void)
{
  assert_refused ("[NaN]", CHARTA_JSON_ERROR_SYNTAX, 1, 2);
  assert_refused ("{\n  \"x\": Infinity\n}", CHARTA_JSON_ERROR_SYNTAX, 2, 8);
}

static void
test_parse_duplicate_key (void)
{
  assert_refused ("{\"a\": 1, \"a\": 2}", CHARTA_JSON_ERROR_SYNTAX, 1, 10);
  assert_refused ("{\"a\": {\"b\": 1, \"c\": 2, \"b\": 3}}", CHARTA_JSON_ERROR_SYNTAX, 1, 24);
  /* The same key spelt with an escape is the same key. */
  assert_refused ("{\"a\": 1, \"\\u0061\": 2}", CHARTA_JSON_ERROR_SYNTAX, 1, 10);
  /* Common member names (shared strings), twice and spelt once with an escape. */
  assert_refused ("{\"id\": 1, \"title\": 2, \"id\": 3}", CHARTA_JSON_ERROR_SYNTAX, 1, 23);
  assert_refused ("{\"id\": 1, \"\\u0069d\": 2}", CHARTA_JSON_ERROR_SYNTAX, 1, 11);
  assert_refused ("{\"\\u0069d\": 1, \"id\": 2}", CHARTA_JSON_ERROR_SYNTAX, 1, 16);

  /* More than 16 members: the reader switches to a hash index; still refused. */
  {
    g_autoptr(GString) s = g_string_new ("{");
    for (int i = 0; i < 40; i++)
      g_string_append_printf (s, "\"k%d\": %d, ", i, i);
    g_string_append (s, "\"k3\": 0}");
    assert_refused (s->str, CHARTA_JSON_ERROR_SYNTAX, 1, 0);
  }
  /* The same key in sibling objects is fine. */
  {
    g_autoptr(ChartaNode) ok = parse_ok ("[{\"a\": 1}, {\"a\": 2}]");
    g_assert_cmpuint (ok->array->len, ==, 2);
  }
}

static void
test_parse_nan_infinity (void)
{
  const char *docs[] = { "NaN", "[NaN]", "Infinity", "-Infinity", "[1, Infinity]",
                         "{\"x\": -Infinity}", "nan", "inf" };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ChartaNode) node = charta_json_parse (docs[i], strlen (docs[i]), NULL, NULL, &error);
      g_assert_null (node);
      g_assert_true (g_error_matches (error, CHARTA_JSON_ERROR, CHARTA_JSON_ERROR_SYNTAX) ||
                     g_error_matches (error, CHARTA_JSON_ERROR, CHARTA_JSON_ERROR_LIMIT));
    }
}

static void
test_parse_number_range (void)
{
  assert_refused ("1e99999", CHARTA_JSON_ERROR_LIMIT, 1, 1);
  assert_refused ("[0, -1e400]", CHARTA_JSON_ERROR_LIMIT, 1, 5);
  assert_refused ("1.8e308", CHARTA_JSON_ERROR_LIMIT, 1, 1);
  /* Integers beyond 2^53 lose precision as doubles. */
  assert_refused ("123456789012345678901234567890", CHARTA_JSON_ERROR_LIMIT, 1, 1);
  /* Over-long literals are refused rather than kept. */
  {
    g_autofree char *digits = g_strnfill (70, '1');
    g_autofree char *doc = g_strdup_printf ("0.%s", digits);
    assert_refused (doc, CHARTA_JSON_ERROR_LIMIT, 1, 1);
  }
  {
    g_autoptr(ChartaNode) big = parse_ok ("1.7976931348623157e308");
    g_autoptr(ChartaNode) edge = parse_ok ("-9007199254740992");
    gint64 v;
    g_assert_true (charta_node_get_int (edge, &v));
    g_assert_cmpint (v, ==, -G_GINT64_CONSTANT (9007199254740992));
    g_assert_cmpint (big->type, ==, CHARTA_NODE_NUMBER);
  }
}

static void
test_parse_malformed_number (void)
{
  const char *docs[] = { "01", "-01", "00", "[007]", "1.", "-", ".5", "+1", "1e", "1e+", "0x10",
                         "1.e5", "--1", "[1 2]", "- 1" };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    assert_refused (docs[i], CHARTA_JSON_ERROR_SYNTAX, 1, 0);
}

static void
test_parse_trailing_comma (void)
{
  assert_refused ("[1, 2,]", CHARTA_JSON_ERROR_SYNTAX, 1, 7);
  assert_refused ("{\"a\": 1,}", CHARTA_JSON_ERROR_SYNTAX, 1, 9);
  assert_refused ("{\n  \"a\": 1,\n}", CHARTA_JSON_ERROR_SYNTAX, 3, 1);
  assert_refused ("[,1]", CHARTA_JSON_ERROR_SYNTAX, 1, 2);
  assert_refused ("{,}", CHARTA_JSON_ERROR_SYNTAX, 1, 2);
  assert_refused ("[1,,2]", CHARTA_JSON_ERROR_SYNTAX, 1, 4);
}

static void
test_parse_other_syntax (void)
{
  assert_refused ("", CHARTA_JSON_ERROR_SYNTAX, 1, 1);
  assert_refused (" \n\t ", CHARTA_JSON_ERROR_SYNTAX, 0, 0);
  assert_refused ("[1] [2]", CHARTA_JSON_ERROR_SYNTAX, 1, 5);
  assert_refused ("{\"a\" 1}", CHARTA_JSON_ERROR_SYNTAX, 1, 6);
  assert_refused ("{a: 1}", CHARTA_JSON_ERROR_SYNTAX, 1, 2);
  assert_refused ("{'a': 1}", CHARTA_JSON_ERROR_SYNTAX, 1, 2);
  assert_refused ("[tru]", CHARTA_JSON_ERROR_SYNTAX, 1, 2);
  assert_refused ("[True]", CHARTA_JSON_ERROR_SYNTAX, 1, 2);
  assert_refused ("[truex]", CHARTA_JSON_ERROR_SYNTAX, 1, 6);
  assert_refused ("\"abc", CHARTA_JSON_ERROR_SYNTAX, 1, 1);
  assert_refused ("[\"a\\", CHARTA_JSON_ERROR_SYNTAX, 1, 0);
  assert_refused ("[\"\\x\"]", CHARTA_JSON_ERROR_SYNTAX, 1, 3);
  assert_refused ("[\"\\u12\"]", CHARTA_JSON_ERROR_SYNTAX, 1, 3);
  assert_refused ("[\"\\u12G4\"]", CHARTA_JSON_ERROR_SYNTAX, 1, 3);
  assert_refused ("// comment\n1", CHARTA_JSON_ERROR_SYNTAX, 1, 1);
  assert_refused_len ("[1]\0", 4, CHARTA_JSON_ERROR_SYNTAX, 1, 4);
  assert_refused_len ("[\0]", 3, CHARTA_JSON_ERROR_SYNTAX, 1, 2);
  assert_refused ("{\"a\": 1", CHARTA_JSON_ERROR_SYNTAX, 1, 8);
  assert_refused ("[[[", CHARTA_JSON_ERROR_SYNTAX, 1, 4);
}

static void
test_parse_control_chars (void)
{
  /* Raw control characters are not allowed inside strings, with or without escapes. */
  assert_refused ("[\"a\tb\"]", CHARTA_JSON_ERROR_SYNTAX, 1, 4);
  assert_refused ("[\"a\x01\"]", CHARTA_JSON_ERROR_SYNTAX, 1, 4);
  assert_refused ("[\"\\n\x1f\"]", CHARTA_JSON_ERROR_SYNTAX, 1, 5);
  assert_refused ("[\"line\nbreak\"]", CHARTA_JSON_ERROR_SYNTAX, 1, 7);
  {
    /* Escaped, they are fine; DEL (0x7F) is not a control character in JSON. */
    g_autoptr(ChartaNode) node = parse_ok ("\"\\t\\u001f\x7f\"");
    g_assert_cmpstr (node->string, ==, "\t\x1f\x7f");
  }
}

static void
test_parse_invalid_utf8 (void)
{
  /* In a plain string, in a string with escapes, in a member name, outside strings. */
  assert_refused ("[\"a\xff\"]", CHARTA_JSON_ERROR_ENCODING, 1, 2);
  assert_refused ("[\"\\n\xc3\x28\"]", CHARTA_JSON_ERROR_ENCODING, 1, 2);
  assert_refused ("{\"k\xe9y\": 1}", CHARTA_JSON_ERROR_ENCODING, 1, 2);
  /* Overlong encoding of "/", an encoded surrogate, a truncated sequence. */
  assert_refused ("\"\xc0\xaf\"", CHARTA_JSON_ERROR_ENCODING, 1, 1);
  assert_refused ("\"\xed\xa0\x80\"", CHARTA_JSON_ERROR_ENCODING, 1, 1);
  assert_refused ("\"\xe2\x82\"", CHARTA_JSON_ERROR_ENCODING, 1, 1);
  /* Past the first 8 bytes of a long plain string (read 8 bytes at a time), and in
   * its last bytes. */
  assert_refused ("[\"plain ascii text, then \xff and more\"]", CHARTA_JSON_ERROR_ENCODING, 1, 2);
  assert_refused ("[\"plain ascii text, then \xc3\"]", CHARTA_JSON_ERROR_ENCODING, 1, 2);
  /* Outside a string, a stray byte is a syntax error at that byte. */
  assert_refused ("[1, \xff]", CHARTA_JSON_ERROR_SYNTAX, 1, 5);
}

static void
test_parse_surrogates (void)
{
  assert_refused ("\"\\ud800\"", CHARTA_JSON_ERROR_ENCODING, 1, 2);
  assert_refused ("[\"x\\ud800y\"]", CHARTA_JSON_ERROR_ENCODING, 1, 4);
  assert_refused ("\"\\udc00\"", CHARTA_JSON_ERROR_ENCODING, 1, 2);
  assert_refused ("\"\\ud800\\u0041\"", CHARTA_JSON_ERROR_ENCODING, 1, 2);
  assert_refused ("\"\\ud800\\ud800\"", CHARTA_JSON_ERROR_ENCODING, 1, 2);
  assert_refused ("\"\\udbff\"", CHARTA_JSON_ERROR_ENCODING, 1, 2);
  {
    g_autoptr(ChartaNode) pair = parse_ok ("\"\\uD834\\uDD1E\"");
    g_assert_cmpstr (pair->string, ==, "\xf0\x9d\x84\x9e");  /* U+1D11E */
  }
}

static void
test_parse_nul (void)
{
  assert_refused ("\"\\u0000\"", CHARTA_JSON_ERROR_ENCODING, 1, 2);
  assert_refused ("{\"a\\u0000b\": 1}", CHARTA_JSON_ERROR_ENCODING, 1, 4);
  assert_refused ("[\"x\", \"ab\\u0000\"]", CHARTA_JSON_ERROR_ENCODING, 1, 10);
  {
    g_autoptr(ChartaNode) one = parse_ok ("\"\\u0001\"");
    g_assert_cmpstr (one->string, ==, "\x01");
  }
}

static char *
nested (guint depth, gboolean objects)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, objects ? "{\"a\":" : "[");
  g_string_append (s, "1");
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, objects ? '}' : ']');
  return g_string_free (s, FALSE);
}

static void
test_parse_depth (void)
{
  for (int objects = 0; objects <= 1; objects++)
    {
      g_autofree char *ok = nested (CHARTA_JSON_MAX_DEPTH, objects);
      g_autofree char *deep = nested (CHARTA_JSON_MAX_DEPTH + 1, objects);
      g_autoptr(ChartaNode) node = parse_ok (ok);
      ChartaNode *n = node;
      guint depth = 0;

      while (n->type != CHARTA_NODE_NUMBER)
        {
          n = objects ? charta_node_get_member (n, "a") : g_ptr_array_index (n->array, 0);
          depth++;
        }
      g_assert_cmpuint (depth, ==, 64);
      /* The 65th opening bracket is refused, where it stands. */
      assert_refused (deep, CHARTA_JSON_ERROR_LIMIT, 1, objects ? 64 * 5 + 1 : 65);
    }
  {
    /* 200,000 levels: refused quickly, no stack overflow. */
    g_autofree char *huge = g_strnfill (200000, '[');
    assert_refused (huge, CHARTA_JSON_ERROR_LIMIT, 1, 65);
  }
}

static void
test_parse_string_limit (void)
{
  gsize max = CHARTA_JSON_MAX_STRING;
  g_autofree char *buf = g_malloc (max + 16);

  g_assert_cmpuint (max, ==, 1024 * 1024);

  /* Exactly 1 MiB: accepted. */
  buf[0] = '"';
  memset (buf + 1, 'x', max);
  buf[max + 1] = '"';
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ChartaNode) node = charta_json_parse (buf, max + 2, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (strlen (node->string), ==, max);
  }
  /* One byte more: refused. */
  memset (buf + 1, 'x', max + 1);
  buf[max + 2] = '"';
  assert_refused_len (buf, max + 3, CHARTA_JSON_ERROR_LIMIT, 1, 1);

  /* The same through the escape path: a leading escape, then 1 MiB. */
  buf[0] = '"';
  buf[1] = '\\';
  buf[2] = 'n';
  memset (buf + 3, 'x', max);
  buf[max + 3] = '"';
  assert_refused_len (buf, max + 4, CHARTA_JSON_ERROR_LIMIT, 1, 1);
  /* 1 MiB made entirely of escapes (2 bytes each in the file, 1 decoded). */
  {
    GString *s = g_string_sized_new (2 * max + 16);
    g_string_append (s, "[\"");
    for (gsize i = 0; i <= max; i++)
      g_string_append (s, "\\t");
    g_string_append (s, "\"]");
    assert_refused_len (s->str, s->len, CHARTA_JSON_ERROR_LIMIT, 1, 2);
    g_string_free (s, TRUE);
  }
  /* Member names have the same limit. */
  {
    GString *s = g_string_sized_new (max + 16);
    g_string_append (s, "{\"");
    for (gsize i = 0; i <= max; i++)
      g_string_append_c (s, 'k');
    g_string_append (s, "\": 1}");
    assert_refused_len (s->str, s->len, CHARTA_JSON_ERROR_LIMIT, 1, 2);
    g_string_free (s, TRUE);
  }
}

/* ---- writing ---- */

static void
test_write_number_literals (void)
{
  const char *text = "{\"a\": 1.50, \"b\": 1e2, \"c\": -0, \"d\": 1E+2, \"e\": 0.000, \"f\": [2.50e-3]}";
  g_autoptr(ChartaNode) root = parse_ok (text);
  g_autofree char *out = write_node (root);
  double d;

  g_assert_cmpstr (out, ==,
                   "{\n"
                   "  \"a\": 1.50,\n"
                   "  \"b\": 1e2,\n"
                   "  \"c\": -0,\n"
                   "  \"d\": 1E+2,\n"
                   "  \"e\": 0.000,\n"
                   "  \"f\": [\n"
                   "    2.50e-3\n"
                   "  ]\n"
                   "}");
  g_assert_true (charta_node_get_double (charta_node_get_member (root, "b"), &d));
  g_assert_cmpfloat (d, ==, 100.0);
}

static void
test_write_canonical (void)
{
  g_autoptr(ChartaNode) root = parse_ok (
    "{\"z\":[],\"y\":{},\"x\":[1,{\"k\":\"v\"}],\"é\":\"ü\\u20ac\",\"ctl\":\"\\u0001\\t\\n\\\"\\\\/\"}");
  g_autofree char *out = write_node (root);
  g_autoptr(ChartaNode) again = NULL;
  g_autofree char *out2 = NULL;

  /* Member order kept, 2-space indent, UTF-8 as is, "/" not escaped. */
  g_assert_cmpstr (out, ==,
                   "{\n"
                   "  \"z\": [],\n"
                   "  \"y\": {},\n"
                   "  \"x\": [\n"
                   "    1,\n"
                   "    {\n"
                   "      \"k\": \"v\"\n"
                   "    }\n"
                   "  ],\n"
                   "  \"é\": \"ü€\",\n"
                   "  \"ctl\": \"\\u0001\\t\\n\\\"\\\\/\"\n"
                   "}");
  /* Reading the output gives the same tree, and writing it again the same text. */
  again = parse_ok (out);
  g_assert_true (charta_node_equal (root, again));
  out2 = write_node (again);
  g_assert_cmpstr (out, ==, out2);

  {
    g_autoptr(ChartaNode) scalar = parse_ok ("  \"a\"  ");
    g_autofree char *s = write_node (scalar);
    g_assert_cmpstr (s, ==, "\"a\"");
  }
}

static void
test_write_indent (void)
{
  g_autoptr(ChartaNode) root = parse_ok ("{\"a\": [1]}");
  g_autoptr(GString) out = g_string_new ("X: ");

  /* Written at indent 1, as the value of a member two spaces in. */
  charta_json_write (out, root, 1);
  g_assert_cmpstr (out->str, ==, "X: {\n    \"a\": [\n      1\n    ]\n  }");
}

static void
test_write_built_nodes (void)
{
  g_autoptr(ChartaNode) root = charta_node_new_object ();
  ChartaNode *list = charta_node_new_array ();
  g_autofree char *out = NULL;
  g_autoptr(ChartaNode) copy = NULL;

  charta_node_append (list, charta_node_new_number_int (-42));
  charta_node_append (list, charta_node_new_number_double (0.25));
  charta_node_append (list, charta_node_new_bool (TRUE));
  charta_node_append (list, charta_node_new_null ());
  charta_node_set_member (root, "list", list);
  charta_node_set_member (root, "s", charta_node_new_string ("old"));
  charta_node_set_member (root, "t", charta_node_new_string ("tab\there"));
  /* Replacing a member keeps its place. */
  charta_node_set_member (root, "s", charta_node_new_string ("new"));
  out = write_node (root);
  g_assert_cmpstr (out, ==,
                   "{\n"
                   "  \"list\": [\n"
                   "    -42,\n"
                   "    0.25,\n"
                   "    true,\n"
                   "    null\n"
                   "  ],\n"
                   "  \"s\": \"new\",\n"
                   "  \"t\": \"tab\\there\"\n"
                   "}");
  copy = charta_node_copy (root);
  g_assert_true (charta_node_equal (root, copy));
  charta_node_set_member (copy, "s", charta_node_new_string ("other"));
  g_assert_false (charta_node_equal (root, copy));
}

static void
assert_format (double d, const char *expected)
{
  g_autofree char *s = charta_json_format_double (d);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaNode) node = NULL;
  double back;

  if (expected != NULL)
    g_assert_cmpstr (s, ==, expected);
  /* It is a valid JSON number that reads back as the same double. */
  node = charta_json_parse (s, strlen (s), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (node->type, ==, CHARTA_NODE_NUMBER);
  g_assert_true (charta_node_get_double (node, &back));
  g_assert_cmpfloat (back, ==, d);
  /* Shortest: with one significant digit fewer, it would not read back. */
  if (strchr (s, '.') != NULL || strchr (s, 'e') != NULL)
    {
      guint digits = 0;
      for (const char *p = s; *p && *p != 'e'; p++)
        if (g_ascii_isdigit (*p))
          digits++;
      /* Leading zeros of 0.00x are not significant. */
      for (const char *p = s; *p == '-' || *p == '0' || *p == '.'; p++)
        if (*p == '0')
          digits--;
      if (digits > 1)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          char fmt[8];
          g_snprintf (fmt, sizeof fmt, "%%.%ug", digits - 1);
          g_ascii_formatd (buf, sizeof buf, fmt, d);
          g_assert_cmpfloat (g_ascii_strtod (buf, NULL), !=, d);
        }
    }
}

static void
test_format_double (void)
{
  assert_format (0.1, "0.1");
  assert_format (12.0, "12");
  assert_format (0.0, "0");
  assert_format (-3.0, "-3");
  assert_format (1.5, "1.5");
  assert_format (-2.5, "-2.5");
  assert_format (0.3, "0.3");
  assert_format (2.675, "2.675");
  assert_format (123456.789, "123456.789");
  assert_format (0.1 + 0.2, "0.30000000000000004");
  assert_format (1e20, NULL);
  assert_format (1e15, NULL);
  assert_format (1e300, NULL);
  assert_format (-1e-7, NULL);
  assert_format (1.0 / 3.0, NULL);
  assert_format (5e-324, NULL);
  assert_format (1.7976931348623157e308, NULL);
  assert_format (9007199254740993.0, NULL);
  assert_format (-0.0, NULL);
  {
    g_autofree char *s = charta_json_format_double (1e20);
    /* No locale decimal comma, ever. */
    g_assert_null (strchr (s, ','));
  }
}

/* Every character a string escapes, at every place in strings of every length up to
 * three words of 8 bytes (the writer tests 8 bytes at a time), with UTF-8 around it:
 * written, the text holds it escaped and reads back as the same string. */
/* charta_json_parse_canonical()'s answer is charta_json_is_text() of the tree it
 * reads: for a canonical text, and for every text one byte away from it (each byte
 * removed, doubled, or replaced by white space or by another escape spelling) — so a
 * single byte of layout out of place anywhere is caught. */
static void
check_laid_out (const char *text, gsize len)
{
  g_autoptr(ChartaNode) tree = NULL;
  g_autoptr(ChartaNode) plain = NULL;
  gboolean laid_out = TRUE;

  tree = charta_json_parse_canonical (text, len, &laid_out, NULL);
  plain = charta_json_parse (text, len, NULL, NULL, NULL);
  g_assert_true ((tree == NULL) == (plain == NULL));
  if (tree == NULL)
    {
      g_assert_false (laid_out);
      return;
    }
  g_assert_true (charta_node_equal (tree, plain));
  if (laid_out != charta_json_is_text (tree, text, len))
    g_error ("parse_canonical says %d for: %.*s", laid_out, (int) len, text);
}

static void
test_parse_canonical_layout (void)
{
  static const char *docs[] = {
    "{\n  \"a\": 1,\n  \"b\": [\n    true,\n    false,\n    null,\n    \"x\\\"y\\\\z\\n\\t\\r\\b\\f\\u0001\\u001f/é\"\n  ],\n"
    "  \"c\": {},\n  \"d\": [],\n  \"e\": {\n    \"f\": -1.5e3,\n    \"g\": [\n      {\n        \"h\": \"\"\n      }\n    ]\n  }\n}\n",
    "[\n  1\n]\n",
    "\"text\"\n",
    "{}\n",
  };
  static const char *subs[] = { " ", "\n", "\t", "\r", "\\/", "\\u0041", "\\u001F", "\\u0008", "\\u000a", "\\ud83d\\ude00", "\xEF\xBB\xBF" };

  for (guint d = 0; d < G_N_ELEMENTS (docs); d++)
    {
      const char *doc = docs[d];
      gsize len = strlen (doc);
      g_autoptr(ChartaNode) tree = charta_json_parse (doc, len, NULL, NULL, NULL);
      gboolean laid_out = FALSE;

      g_assert_nonnull (tree);
      g_assert_true (charta_json_is_text (tree, doc, len));
      g_clear_pointer (&tree, charta_node_free);
      tree = charta_json_parse_canonical (doc, len, &laid_out, NULL);
      g_assert_true (laid_out);
      check_laid_out (doc, len - 1);  /* no final line break */
      for (gsize at = 0; at <= len; at++)
        {
          for (guint k = 0; k < G_N_ELEMENTS (subs); k++)
            {
              g_autoptr(GString) t = g_string_new_len (doc, len);
              g_string_insert (t, at, subs[k]);
              check_laid_out (t->str, t->len);
              if (at < len)
                {
                  g_string_erase (t, at, strlen (subs[k]) + 1);
                  g_string_insert (t, at, subs[k]);
                  check_laid_out (t->str, t->len);
                }
            }
          if (at < len)
            {
              g_autoptr(GString) t = g_string_new_len (doc, len);
              g_string_erase (t, at, 1);
              check_laid_out (t->str, t->len);
              g_string_insert_c (t, at, doc[at]);
              g_string_insert_c (t, at, doc[at]);
              check_laid_out (t->str, t->len);
            }
        }
    }
  /* The writer's own escapes, each in a canonical text. */
  for (guint c = 1; c < 0x80; c++)
    {
      g_autoptr(ChartaNode) node = NULL;
      g_autoptr(GString) out = g_string_new (NULL);
      char s[2] = { (char) c, 0 };

      node = charta_node_new_string (s);
      charta_json_write (out, node, 0);
      g_string_append_c (out, '\n');
      check_laid_out (out->str, out->len);
    }
}

static void
test_write_string_escapes (void)
{
  static const char specials[] = { '"', '\\', '\n', '\t', '\r', '\b', '\f', 0x01, 0x1f };
  static const char *expected[] = { "\\\"", "\\\\", "\\n", "\\t", "\\r", "\\b", "\\f", "\\u0001", "\\u001f" };

  for (guint k = 0; k < G_N_ELEMENTS (specials); k++)
    for (guint len = 1; len <= 24; len++)
      for (guint at = 0; at < len; at++)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          g_autoptr(GString) out = g_string_new (NULL);
          g_autoptr(ChartaNode) back = NULL;

          for (guint i = 0; i < len; i++)
            g_string_append_c (text, i == at ? specials[k] : (char) (i % 5 == 4 ? ' ' : 'a' + i % 26));
          g_string_append (text, "é€");
          charta_json_write_string (out, text->str);
          g_assert_nonnull (strstr (out->str, expected[k]));
          back = charta_json_parse (out->str, out->len, NULL, NULL, NULL);
          g_assert_nonnull (back);
          g_assert_cmpstr (back->string, ==, text->str);
        }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* A failed check marks its test failed and the others still run. */
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/json/parse/valid", test_parse_valid);
  g_test_add_func ("/json/parse/scalars", test_parse_scalars);
  g_test_add_func ("/json/parse/position", test_parse_position);
  g_test_add_func ("/json/parse/position-long-line", test_parse_position_long_line);
  g_test_add_func ("/json/parse/position-nan", test_parse_position_nan);
  g_test_add_func ("/json/parse/duplicate-key", test_parse_duplicate_key);
  g_test_add_func ("/json/parse/nan-infinity", test_parse_nan_infinity);
  g_test_add_func ("/json/parse/number-range", test_parse_number_range);
  g_test_add_func ("/json/parse/malformed-number", test_parse_malformed_number);
  g_test_add_func ("/json/parse/trailing-comma", test_parse_trailing_comma);
  g_test_add_func ("/json/parse/other-syntax", test_parse_other_syntax);
  g_test_add_func ("/json/parse/control-chars", test_parse_control_chars);
  g_test_add_func ("/json/parse/invalid-utf8", test_parse_invalid_utf8);
  g_test_add_func ("/json/parse/lone-surrogate", test_parse_surrogates);
  g_test_add_func ("/json/parse/nul", test_parse_nul);
  g_test_add_func ("/json/parse/depth", test_parse_depth);
  g_test_add_func ("/json/parse/string-limit", test_parse_string_limit);
  g_test_add_func ("/json/write/number-literals", test_write_number_literals);
  g_test_add_func ("/json/write/canonical", test_write_canonical);
  g_test_add_func ("/json/write/indent", test_write_indent);
  g_test_add_func ("/json/write/string-escapes", test_write_string_escapes);
  g_test_add_func ("/json/parse/canonical-layout", test_parse_canonical_layout);
  g_test_add_func ("/json/write/built-nodes", test_write_built_nodes);
  g_test_add_func ("/json/format-double", test_format_double);

  return g_test_run ();
}
