/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-ui-utils"
#include "config.h"

#include <math.h>

#include "charta-ui-utils.h"

GtkWidget *
charta_text_area_new (const char *accessible_name, const char *text, int height, GtkTextBuffer **buffer,
                      GtkWidget **view_out)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  /* Tab moves the focus on, as everywhere else in a form. */
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, height);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  if (text)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  if (buffer)
    *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  if (view_out)
    *view_out = view;
  return frame;
}

GtkWidget *
charta_page_scroller_new (GtkWidget **column)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 800);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  *column = box;
  return scroller;
}

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

GtkWidget *
charta_heading_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  return label;
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
charta_format_number (double value)
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
