/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "charta-export.h"

G_BEGIN_DECLS

/* The spreadsheet and calendar renderers, loaded from the charta-export-office module the
 * first time one is asked for (see src/export/meson.build), from any thread. Same contracts
 * as charta_export_xlsx() and charta_export_ics(); when the module cannot be loaded, NULL
 * with an error that names the module's file and why. */
GBytes *charta_export_module_xlsx (const ChartaExportDocument *document,
                                   ChartaExportProgressFunc    progress,
                                   gpointer                    user_data,
                                   GCancellable               *cancellable,
                                   GError                    **error);
GBytes *charta_export_module_ics  (const ChartaExportDocument *document,
                                   GError                    **error);

G_END_DECLS
