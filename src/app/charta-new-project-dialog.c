/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-new-project-dialog"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-new-project-dialog.h"

struct _ChartaNewProjectDialog {
  AdwMessageDialog parent_instance;

  GtkEditable *city_entry;
  GtkCheckButton *inclucities_check;
  GtkCheckButton *aii_check;

  char *city;
};

enum {
  PROP_0,
  PROP_CITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChartaNewProjectDialog, charta_new_project_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
on_city_changed_cb (ChartaNewProjectDialog *self)
{
  g_autofree char *city = g_strstrip (g_strdup (gtk_editable_get_text (self->city_entry)));

  if (g_strcmp0 (self->city, city) == 0)
    return;
  g_free (self->city);
  self->city = g_steal_pointer (&city);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "create", *self->city != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CITY]);
}

static void
charta_new_project_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CHARTA_TYPE_NEW_PROJECT_DIALOG);
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
  gtk_widget_class_bind_template_child (widget_class, ChartaNewProjectDialog, inclucities_check);
  gtk_widget_class_bind_template_child (widget_class, ChartaNewProjectDialog, aii_check);
  gtk_widget_class_bind_template_callback (widget_class, on_city_changed_cb);
}

static void
charta_new_project_dialog_init (ChartaNewProjectDialog *self)
{
  self->city = g_strdup ("");
  gtk_widget_init_template (GTK_WIDGET (self));
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

  if (*self->city == '\0')
    return NULL;
  project = charta_project_new (self->city);
  if (gtk_check_button_get_active (self->inclucities_check))
    g_ptr_array_add (project->frameworks, g_strdup ("inclucities"));
  if (gtk_check_button_get_active (self->aii_check))
    g_ptr_array_add (project->frameworks, g_strdup ("aii"));
  return project;
}
