/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers of the display tests: bounded waits on the main loop, widget look-ups. */
#pragma once

#include <gtk/gtk.h>

/* A wait gives up after 30 s of wall time: on a loaded machine (a fuzzer beside us) turns
 * may be many and fast or few and slow. */
#define MAX_WAIT_US (30 * G_USEC_PER_SEC)

typedef gboolean (*Condition) (gpointer data);
typedef gboolean (*Match) (GtkWidget *widget, gpointer data);

static inline gboolean
wait_for (Condition cond, gpointer data)
{
  gint64 end = g_get_monotonic_time () + MAX_WAIT_US;

  while (g_get_monotonic_time () < end)
    {
      if (cond (data))
        return TRUE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5000);
    }
  return cond (data);
}

static inline void
spin (guint turns)
{
  for (guint i = 0; i < turns; i++)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static inline GtkWidget *
find_widget (GtkWidget *root, Match match, gpointer data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);
      if (found)
        return found;
    }
  return NULL;
}
