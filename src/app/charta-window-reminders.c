/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's reminder of actions falling due: when a project is opened, a desktop
 * notification (GNotification) names its overdue actions and those due within a week —
 * once a day per project, remembered in the "due-reminders" setting. The actions are
 * chosen by the core (charta_actions_falling_due()); the notification's default action
 * shows the project's action plan (app.show-actions). */
#define G_LOG_DOMAIN "charta-window"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-date.h"
#include "charta-summary.h"
#include "charta-window-private.h"

#define DAYS_AHEAD 7
#define TITLES_SHOWN 3

/* Whether @key was reminded of on @today; remembers it if not. Only today's entries are
 * kept, so the setting never grows. */
static gboolean
reminded_today (GSettings *settings, const char *key, const char *today)
{
  g_autoptr(GVariant) reminded = g_settings_get_value (settings, "due-reminders");
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));
  GVariantIter iter;
  const char *k, *day;

  g_variant_iter_init (&iter, reminded);
  while (g_variant_iter_next (&iter, "{&s&s}", &k, &day))
    {
      if (g_str_equal (day, today) && g_str_equal (k, key))
        return TRUE;
      if (g_str_equal (day, today))
        g_variant_builder_add (&builder, "{ss}", k, day);
    }
  g_variant_builder_add (&builder, "{ss}", key, today);
  g_settings_set_value (settings, "due-reminders", g_variant_builder_end (&builder));
  return FALSE;
}

static char *
reminder_body (GPtrArray *due, guint n_overdue)
{
  GString *body = g_string_new (NULL);
  guint n_soon = due->len - n_overdue;

  if (n_overdue > 0)
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u action is overdue.", "%u actions are overdue.",
                                               n_overdue), n_overdue);
  if (n_soon > 0)
    {
      if (body->len > 0)
        g_string_append_c (body, ' ');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u action is due within a week.",
                                                 "%u actions are due within a week.", n_soon), n_soon);
    }
  for (guint i = 0; i < due->len && i < TITLES_SHOWN; i++)
    g_string_append_printf (body, "\n• %s", ((const ChartaAction *) g_ptr_array_index (due, i))->title);
  return g_string_free (body, FALSE);
}

void
_charta_window_remind_due (ChartaWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = _charta_window_get_settings (self);
  GFile *file = self->document ? charta_document_get_file (self->document) : NULL;
  const ChartaProject *p;
  g_autofree char *today = charta_date_today ();
  g_autofree char *uri = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GNotification) notification = NULL;
  guint n_overdue;

  if (app == NULL || settings == NULL || file == NULL)
    return;
  p = charta_document_get_project (self->document);
  due = charta_actions_falling_due (p, today, DAYS_AHEAD, &n_overdue);
  uri = g_file_get_uri (file);
  if (due->len == 0 || reminded_today (settings, p->id ? p->id : uri, today))
    return;
  /* Translators: the title of the notification of actions falling due; %s is the city */
  title = g_strdup_printf (_("Actions Falling Due in %s"), p->city->name);
  body = reminder_body (due, n_overdue);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-actions", "s", uri);
  id = g_strconcat ("due-", p->id ? p->id : uri, NULL);
  g_application_send_notification (G_APPLICATION (app), id, notification);
}
