/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-export"
#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "charta-export-module.h"

/* libxlsxwriter and libical (with ICU) are not linked into the window: mapping and
 * relocating them cost every start of Charta about 4 ms of CPU for an export few starts
 * make. They are loaded here, once, on the first spreadsheet or calendar export. */

typedef GBytes *(*XlsxFunc) (const ChartaExportDocument *, ChartaExportProgressFunc, gpointer,
                             GCancellable *, GError **);
typedef GBytes *(*IcsFunc) (const ChartaExportDocument *, GError **);

typedef struct {
  XlsxFunc xlsx;
  IcsFunc ics;
  char *error;     /* why the module could not be loaded, translated; NULL when loaded */
} Module;

/* The folder of the module: the installed one for an installed charta, the build tree's for
 * a charta (or a test) run from the build tree; CHARTA_MODULEDIR overrides both. */
static char *
module_dir (void)
{
  const char *env = g_getenv ("CHARTA_MODULEDIR");
  g_autofree char *self = NULL;
  g_autofree char *self_dir = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  self = g_file_read_link ("/proc/self/exe", NULL);
  self_dir = self != NULL ? g_path_get_dirname (self) : NULL;
  if (self_dir != NULL && g_str_equal (self_dir, BINDIR))
    return g_strdup (MODULEDIR);
  return g_strdup (BUILD_MODULEDIR);
}

static gpointer
load_module (gpointer data)
{
  Module *module = g_new0 (Module, 1);
  g_autofree char *dir = module_dir ();
  g_autofree char *path = g_module_build_path (dir, "charta-export-office");
  g_autoptr(GError) error = NULL;
  GModule *handle;

  (void) data;
  handle = g_module_open_full (path, G_MODULE_BIND_LOCAL, &error);
  if (handle == NULL)
    {
      /* TRANSLATORS: %s is the reason from the system, naming the file. */
      module->error = g_strdup_printf (_("The spreadsheet and calendar export could not be loaded: %s"),
                                       error->message);
      return module;
    }
  if (!g_module_symbol (handle, "charta_export_xlsx", (gpointer *) &module->xlsx)
      || !g_module_symbol (handle, "charta_export_ics", (gpointer *) &module->ics))
    {
      /* TRANSLATORS: %s is the module's file. */
      module->error = g_strdup_printf (_("The spreadsheet and calendar export could not be loaded: %s is not Charta’s export module"),
                                       path);
      module->xlsx = NULL;
      module->ics = NULL;
      g_module_close (handle);
      return module;
    }
  /* Kept loaded for the rest of the run: its functions may be running in export threads. */
  g_module_make_resident (handle);
  return module;
}

static const Module *
get_module (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  const Module *module = g_once (&once, load_module, NULL);

  if (module->error != NULL)
    {
      g_set_error_literal (error, CHARTA_EXPORT_ERROR, CHARTA_EXPORT_ERROR_FAILED, module->error);
      return NULL;
    }
  return module;
}

GBytes *
charta_export_module_xlsx (const ChartaExportDocument *document,
                           ChartaExportProgressFunc    progress,
                           gpointer                    user_data,
                           GCancellable               *cancellable,
                           GError                    **error)
{
  const Module *module = get_module (error);

  return module != NULL ? module->xlsx (document, progress, user_data, cancellable, error) : NULL;
}

GBytes *
charta_export_module_ics (const ChartaExportDocument *document,
                          GError                    **error)
{
  const Module *module = get_module (error);

  return module != NULL ? module->ics (document, error) : NULL;
}
