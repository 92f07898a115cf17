/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-item-sections"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-item-sections.h"
#include "charta-ui-utils.h"

/* The parts of an item page that show catalogue text only: nothing here edits. */

GtkWidget *
charta_item_heading_new (const char *text, const char *style)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, style);
  return label;
}

GtkWidget *
charta_item_paragraph_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "body");
  return label;
}

GtkWidget *
charta_good_practice_group_new (const ChartaItem *parent)
{
  GtkWidget *group = adw_preferences_group_new ();
  guint n = 0;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Good Practices"));
  charta_group_set_description (group, _("What other cities did, for inspiration"));
  for (guint i = 0; i < charta_item_get_n_children (parent); i++)
    {
      const ChartaItem *gp = charta_item_get_child (parent, i);
      GtkWidget *row, *label;

      if (strcmp (charta_item_get_kind (gp), "good-practice") != 0)
        continue;
      row = adw_expander_row_new ();
      charta_row_set_title (row, charta_item_get_title (gp));
      if (charta_item_get_city (gp))
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), charta_item_get_city (gp));
      label = charta_item_paragraph_new (charta_item_get_summary (gp) ? charta_item_get_summary (gp) : "");
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      n++;
    }
  return n ? group : NULL;
}

GtkWidget *
charta_item_list_group_new (const ChartaItem *parent, const char *kind, const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();
  guint n = 0;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  for (guint i = 0; i < charta_item_get_n_children (parent); i++)
    {
      const ChartaItem *child = charta_item_get_child (parent, i);
      GtkWidget *row;
      if (strcmp (charta_item_get_kind (child), kind) != 0)
        continue;
      row = adw_action_row_new ();
      charta_row_set_title (row, charta_item_get_title (child));
      if (charta_item_get_description (child))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), charta_item_get_description (child));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      n++;
    }
  return n ? group : NULL;
}

GtkWidget *
charta_item_link_row_new (const ChartaItem *item, const char *subtitle, const char *action_name)
{
  GtkWidget *row = adw_action_row_new ();

  charta_row_set_title (row, charta_item_get_title (item));
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", charta_item_get_id (item));
  return row;
}

GtkWidget *
charta_context_factor_group_new (const ChartaFramework *fw)
{
  GtkWidget *context = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (context), _("Context Factors"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (context),
                                         _("Circumstances of the city that shape what is possible"));
  for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
    {
      const ChartaItem *cf = charta_framework_get_item (fw, i);
      GtkWidget *row;
      if (strcmp (charta_item_get_kind (cf), "context-factor") != 0)
        continue;
      row = adw_action_row_new ();
      charta_row_set_title (row, charta_item_get_title (cf));
      if (charta_item_get_description (cf))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), charta_item_get_description (cf));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (context), row);
    }
  return context;
}
