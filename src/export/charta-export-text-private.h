/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-export-text-private.h: what tests/export/test-export.c checks of
 * charta-export-text.c beyond its public API. */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

/* The line breaks and spaces of @text (@length bytes of ASCII) in @attrs (@length + 1 of
 * them) as pango_get_log_attrs() gives them; FALSE, @attrs untouched, for a text whose
 * rules it does not know. */
gboolean _charta_export_text_ascii_log_attrs (const char   *text,
                                              int           length,
                                              PangoLogAttr *attrs);

G_END_DECLS
