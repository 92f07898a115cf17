/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-json.h: a strict JSON reader that remembers where every value stood,
 * and a canonical writer.
 *
 * Why not json-glib's parser: json-glib 1.6 keeps no per-value position (Charta must
 * name FILE:LINE:COLUMN for every problem), crashes on very deep nesting, and its
 * generator writes `"key" : value` and 17-digit doubles, which does not diff cleanly.
 * Number literals are kept as written so unknown fields survive a round trip byte
 * for byte. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CHARTA_JSON_MAX_DEPTH 64
#define CHARTA_JSON_MAX_STRING (1024 * 1024)

typedef enum {
  CHARTA_NODE_NULL,
  CHARTA_NODE_BOOL,
  CHARTA_NODE_NUMBER,
  CHARTA_NODE_STRING,
  CHARTA_NODE_ARRAY,
  CHARTA_NODE_OBJECT,
} ChartaNodeType;

typedef struct _ChartaNode ChartaNode;

typedef struct {
  char *key;
  ChartaNode *value;
  gboolean shared_key;   /* key is a static string (a common member name): not freed */
} ChartaMember;

struct _ChartaNode {
  ChartaNodeType type;
  guint line;
  guint column;
  union {
    gboolean boolean;
    char *number;     /* the literal, validated and finite */
    char *string;     /* UTF-8, may contain NUL only as \u0000 is refused */
    GPtrArray *array; /* of ChartaNode */
    GArray *members;  /* of ChartaMember, in document order */
  };
};

#define CHARTA_JSON_ERROR (charta_json_error_quark ())

typedef enum {
  CHARTA_JSON_ERROR_SYNTAX,
  CHARTA_JSON_ERROR_ENCODING,
  CHARTA_JSON_ERROR_LIMIT,
} ChartaJsonError;

GQuark charta_json_error_quark (void);

/* Parses @len bytes. On failure returns NULL and sets @error with a message of the form
 * "LINE:COLUMN: message" (the caller prefixes the file name); *@line / *@column, when
 * given, receive the position. */
ChartaNode *charta_json_parse (const char *data,
                               gsize       len,
                               guint      *line,
                               guint      *column,
                               GError    **error);

/* charta_json_parse(), and *@laid_out set to whether @data is byte for byte
 * charta_json_write (tree, 0) and a line break — charta_json_is_text() of the tree,
 * found as it is read, for less than a tenth of its cost. */
ChartaNode *charta_json_parse_canonical (const char *data,
                                         gsize       len,
                                         gboolean   *laid_out,
                                         GError    **error);

void        charta_node_free (ChartaNode *node);
ChartaNode *charta_node_copy (const ChartaNode *node);
gboolean    charta_node_equal (const ChartaNode *a,
                               const ChartaNode *b);

ChartaNode *charta_node_new_string (const char *s);
ChartaNode *charta_node_new_number_double (double d);
ChartaNode *charta_node_new_number_int (gint64 i);
ChartaNode *charta_node_new_bool (gboolean b);
ChartaNode *charta_node_new_null (void);
ChartaNode *charta_node_new_array (void);
ChartaNode *charta_node_new_object (void);

/* Object helpers. set_member takes ownership of @value and replaces an existing key in place. */
ChartaNode *charta_node_get_member (const ChartaNode *object,
                                    const char       *key);
void        charta_node_set_member (ChartaNode *object,
                                    const char *key,
                                    ChartaNode *value);
void        charta_node_append (ChartaNode *array,
                                ChartaNode *value);
const char *charta_node_type_name (ChartaNodeType type);

gboolean    charta_node_get_double (const ChartaNode *node,
                                    double           *out);
gboolean    charta_node_get_int (const ChartaNode *node,
                                 gint64           *out);

/* Writes @node canonically: 2-space indent, `"key": value`, members in their order,
 * empty containers as [] and {}, non-ASCII as UTF-8, no trailing newline. */
void        charta_json_write (GString          *out,
                               const ChartaNode *node,
                               guint             indent);
/* Whether @data is byte for byte charta_json_write (@node, 0) and a line break: the
 * text compared piece by piece as it is written, never whole in memory. */
gboolean    charta_json_is_text (const ChartaNode *node,
                                 const char       *data,
                                 gsize             len);
void        charta_json_write_string (GString    *out,
                                      const char *s);
/* A line break and @indent levels of two spaces, as charta_json_write() lays out. */
void        charta_json_write_newline (GString *out,
                                       guint    indent);
char       *charta_json_format_double (double d);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaNode, charta_node_free)

G_END_DECLS
