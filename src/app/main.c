/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "charta-application.h"
#include "charta-format.h"

int
main (int argc, char *argv[])
{
  g_autoptr(ChartaApplication) app = NULL;

  charta_i18n_init ();

  app = charta_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
