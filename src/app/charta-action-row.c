/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-action-row"
#include "config.h"

#include "charta-action-row.h"

struct _ChartaActionRow {
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *title_label;
  GtkWidget *comments_label;
  GtkWidget *due_label;
  GtkWidget *status_dropdown;
  GtkWidget *progress_spin;
};

G_DEFINE_FINAL_TYPE (ChartaActionRow, charta_action_row, GTK_TYPE_WIDGET)

static void
charta_action_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CHARTA_TYPE_ACTION_ROW);
  G_OBJECT_CLASS (charta_action_row_parent_class)->dispose (object);
}

static void
charta_action_row_class_init (ChartaActionRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = charta_action_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-action-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaActionRow, box);
  gtk_widget_class_bind_template_child (widget_class, ChartaActionRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaActionRow, comments_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaActionRow, due_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaActionRow, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChartaActionRow, progress_spin);
}

static void
charta_action_row_init (ChartaActionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
charta_action_row_new (void)
{
  return g_object_new (CHARTA_TYPE_ACTION_ROW, NULL);
}

/* Overdue is said in words by the due text itself, and in red. */
void
charta_action_row_set_texts (ChartaActionRow *self, const char *title, const char *due, gboolean overdue)
{
  g_return_if_fail (CHARTA_IS_ACTION_ROW (self));
  gtk_label_set_text (GTK_LABEL (self->title_label), title);
  gtk_label_set_text (GTK_LABEL (self->due_label), due);
  if (overdue)
    gtk_widget_add_css_class (self->due_label, "error");
  else
    gtk_widget_remove_css_class (self->due_label, "error");
}

GtkLabel *
charta_action_row_get_comments_label (ChartaActionRow *self)
{
  g_return_val_if_fail (CHARTA_IS_ACTION_ROW (self), NULL);
  return GTK_LABEL (self->comments_label);
}

GtkDropDown *
charta_action_row_get_status_dropdown (ChartaActionRow *self)
{
  g_return_val_if_fail (CHARTA_IS_ACTION_ROW (self), NULL);
  return GTK_DROP_DOWN (self->status_dropdown);
}

GtkSpinButton *
charta_action_row_get_progress_spin (ChartaActionRow *self)
{
  g_return_val_if_fail (CHARTA_IS_ACTION_ROW (self), NULL);
  return GTK_SPIN_BUTTON (self->progress_spin);
}
