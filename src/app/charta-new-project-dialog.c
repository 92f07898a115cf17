/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-new-project-dialog"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-date-row.h"
#include "charta-new-project-dialog.h"

struct _ChartaNewProjectDialog {
  AdwMessageDialog parent_instance;

  GtkEditable *city_entry;
  GtkWidget *start_row;
  GtkWidget *end_row;
  GtkWidget *period_error;
  GtkWidget *frameworks_box;
  GPtrArray *framework_checks;   /* GtkCheckButton, parallel to the catalogue's frameworks */

  char *city;
};

enum {
  PROP_0,
  PROP_CITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChartaNewProjectDialog, charta_new_project_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The period's rule is the core's (charta_period_check()); a date that is none is said in
 * its own row. */
static gboolean
period_ok (ChartaNewProjectDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *start = charta_date_row_get_date (CHARTA_DATE_ROW (self->start_row));
  const char *end = charta_date_row_get_date (CHARTA_DATE_ROW (self->end_row));
  gboolean ok = start != NULL && end != NULL && charta_period_check (start, end, &error);

  gtk_label_set_text (GTK_LABEL (self->period_error), error ? error->message : "");
  gtk_widget_set_visible (self->period_error, error != NULL);
  return ok;
}

static void
on_city_changed_cb (ChartaNewProjectDialog *self)
{
  g_autofree char *city = g_strstrip (g_strdup (gtk_editable_get_text (self->city_entry)));
  gboolean ok = period_ok (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "create", *city != '\0' && ok);
  if (g_strcmp0 (self->city, city) == 0)
    return;
  g_free (self->city);
  self->city = g_steal_pointer (&city);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CITY]);
}

static void
add_framework_checks (ChartaNewProjectDialog *self, const ChartaProject *defaults)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();

  for (guint i = 0; i < charta_catalogue_get_n_frameworks (catalogue); i++)
    {
      const ChartaFramework *fw = charta_catalogue_get_framework (catalogue, i);
      GtkWidget *check = gtk_check_button_new_with_label (charta_framework_get_title (fw));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   charta_project_uses_framework (defaults, charta_framework_get_id (fw)));
      gtk_box_append (GTK_BOX (self->frameworks_box), check);
      g_ptr_array_add (self->framework_checks, check);
    }
}

static void
charta_new_project_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CHARTA_TYPE_NEW_PROJECT_DIALOG);
  g_clear_pointer (&CHARTA_NEW_PROJECT_DIALOG (object)->framework_checks, g_ptr_array_unref);
  G_OBJECT_CLASS (charta_new_project_dialog_parent_class)->dispose (object);
}

static void
charta_new_project_dialog_finalize (GObject *object)
{
  g_free (CHARTA_NEW_PROJECT_DIALOG (object)->city);
  G_OBJECT_CLASS (charta_new_project_dialog_parent_class)->finalize (object);
}

static void
charta_new_project_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CITY:
      g_value_set_string (value, CHARTA_NEW_PROJECT_DIALOG (object)->city);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_new_project_dialog_class_init (ChartaNewProjectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = charta_new_project_dialog_dispose;
  object_class->finalize = charta_new_project_dialog_finalize;
  object_class->get_property = charta_new_project_dialog_get_property;

  properties[PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/charta/Charta/ui/charta-new-project-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaNewProjectDialog, city_entry);
  gtk_widget_class_bind_template_child (widget_class, ChartaNewProjectDialog, start_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaNewProjectDialog, end_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaNewProjectDialog, period_error);
  gtk_widget_class_bind_template_child (widget_class, ChartaNewProjectDialog, frameworks_box);
  gtk_widget_class_bind_template_callback (widget_class, on_city_changed_cb);
}

static void
charta_new_project_dialog_init (ChartaNewProjectDialog *self)
{
  g_autoptr(ChartaProject) defaults = charta_project_new ("");

  self->city = g_strdup ("");
  g_type_ensure (CHARTA_TYPE_DATE_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->framework_checks = g_ptr_array_new ();
  add_framework_checks (self, defaults);
  charta_date_row_set_date (CHARTA_DATE_ROW (self->start_row), defaults->period->start);
  charta_date_row_set_date (CHARTA_DATE_ROW (self->end_row), defaults->period->end);
}

ChartaNewProjectDialog *
charta_new_project_dialog_new (GtkWindow *parent)
{
  return g_object_new (CHARTA_TYPE_NEW_PROJECT_DIALOG, "transient-for", parent, NULL);
}

const char *
charta_new_project_dialog_get_city (ChartaNewProjectDialog *self)
{
  g_return_val_if_fail (CHARTA_IS_NEW_PROJECT_DIALOG (self), NULL);
  return self->city;
}

ChartaProject *
charta_new_project_dialog_create_project (ChartaNewProjectDialog *self)
{
  ChartaProject *project;

  g_return_val_if_fail (CHARTA_IS_NEW_PROJECT_DIALOG (self), NULL);

  if (*self->city == '\0' || !period_ok (self))
    return NULL;
  project = charta_project_new (self->city);
  g_free (project->period->start);
  project->period->start = g_strdup (charta_date_row_get_date (CHARTA_DATE_ROW (self->start_row)));
  g_free (project->period->end);
  project->period->end = g_strdup (charta_date_row_get_date (CHARTA_DATE_ROW (self->end_row)));
  g_ptr_array_set_size (project->frameworks, 0);
  for (guint i = 0; i < self->framework_checks->len; i++)
    {
      const ChartaFramework *fw = charta_catalogue_get_framework (charta_catalogue_get_default (), i);
      if (gtk_check_button_get_active (g_ptr_array_index (self->framework_checks, i)))
        g_ptr_array_add (project->frameworks, g_strdup (charta_framework_get_id (fw)));
    }
  return project;
}
