/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-ui-utils"
#include "config.h"

#include <math.h>
#include <string.h>

#include "charta-ui-utils.h"

char *
charta_text_buffer_dup_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *stripped = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  stripped = g_strstrip (g_strdup (text));
  return *stripped ? g_steal_pointer (&text) : NULL;
}

gboolean
charta_parse_number (const char *input, double *out)
{
  g_autofree char *text = NULL;
  char *end = NULL;
  double d;

  if (input == NULL || *input == '\0')
    return FALSE;
  /* "12,5" and "12.5" alike: half of Europe writes a decimal comma. */
  text = g_strdelimit (g_strdup (input), ",", '.');
  d = g_ascii_strtod (text, &end);
  if (end == NULL || *end != '\0' || !isfinite (d))
    return FALSE;
  if (out)
    *out = d;
  return TRUE;
}

char *
charta_format_form_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return g_strdup ("");
  /* The shortest text that reads back as the same number: a Save without a change must
   * not round 0.123456789 to 0.123457. */
  for (int digits = 6; digits < 17; digits++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        return g_strdup (buf);
    }
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.17g", value));
}

char *
charta_describe_secrets_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  /* No session bus (an I/O or spawn error from D-Bus's autolaunch), or no Secret Service
   * on it (a D-Bus error); what the store itself refuses has libsecret's own domain. */
  if (error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR || error->domain == G_SPAWN_ERROR ||
      g_dbus_error_is_remote_error (error) || strstr (error->message, "org.freedesktop.secrets") != NULL)
    return g_strdup (_("No password store is running, so the token cannot be kept. Start the desktop’s "
                       "password store (GNOME Keyring, or another Secret Service such as KeePassXC), "
                       "then store the token again."));
  /* Translators: %s is the password store's own message */
  return g_strdup_printf (_("The password store refused the token: %s"), error->message);
}

GtkFileFilter *
charta_project_file_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Charta Projects"));
  gtk_file_filter_add_pattern (filter, "*.charta");
  gtk_file_filter_add_mime_type (filter, "application/x-charta-project");
  return filter;
}
