/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-assessment-text"
#include "config.h"

#include "charta-assessment-text.h"
#include "charta-ui-utils.h"

#define TEXT_COMMIT_DELAY_MS 800

struct _ChartaAssessmentText {
  GtkWidget parent_instance;

  GtkWidget *frame;
  GtkWidget *view;

  char *item_id;
  char *text;
  guint timeout_id;
};

enum {
  PROP_0,
  PROP_ITEM_ID,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChartaAssessmentText, charta_assessment_text, GTK_TYPE_WIDGET)

static GtkTextBuffer *
buffer_of (ChartaAssessmentText *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
}

static void
take_text (ChartaAssessmentText *self)
{
  g_autofree char *text = charta_text_buffer_dup_text (buffer_of (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (g_strcmp0 (text, self->text) == 0)
    return;
  g_free (self->text);
  self->text = g_steal_pointer (&text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

static gboolean
take_text_timeout (gpointer data)
{
  ChartaAssessmentText *self = data;

  self->timeout_id = 0;
  take_text (self);
  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed_cb (ChartaAssessmentText *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (TEXT_COMMIT_DELAY_MS, take_text_timeout, self);
}

static void
on_focus_leave_cb (ChartaAssessmentText *self)
{
  if (self->timeout_id != 0)
    take_text (self);
}

static void
charta_assessment_text_dispose (GObject *object)
{
  ChartaAssessmentText *self = CHARTA_ASSESSMENT_TEXT (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHARTA_TYPE_ASSESSMENT_TEXT);
  G_OBJECT_CLASS (charta_assessment_text_parent_class)->dispose (object);
}

static void
charta_assessment_text_finalize (GObject *object)
{
  ChartaAssessmentText *self = CHARTA_ASSESSMENT_TEXT (object);

  g_free (self->item_id);
  g_free (self->text);
  G_OBJECT_CLASS (charta_assessment_text_parent_class)->finalize (object);
}

static void
charta_assessment_text_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaAssessmentText *self = CHARTA_ASSESSMENT_TEXT (object);

  switch (prop_id)
    {
    case PROP_ITEM_ID:
      g_value_set_string (value, self->item_id);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_assessment_text_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ChartaAssessmentText *self = CHARTA_ASSESSMENT_TEXT (object);

  switch (prop_id)
    {
    case PROP_ITEM_ID:
      self->item_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_assessment_text_class_init (ChartaAssessmentTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = charta_assessment_text_dispose;
  object_class->finalize = charta_assessment_text_finalize;
  object_class->get_property = charta_assessment_text_get_property;
  object_class->set_property = charta_assessment_text_set_property;
  properties[PROP_ITEM_ID] =
    g_param_spec_string ("item-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-assessment-text.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaAssessmentText, frame);
  gtk_widget_class_bind_template_child (widget_class, ChartaAssessmentText, view);
  gtk_widget_class_bind_template_callback (widget_class, on_focus_leave_cb);
}

static void
charta_assessment_text_init (ChartaAssessmentText *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
charta_assessment_text_new (const char *item_id, const char *label, const char *text)
{
  ChartaAssessmentText *self = g_object_new (CHARTA_TYPE_ASSESSMENT_TEXT, "item-id", item_id, NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  self->text = g_strdup (text);
  gtk_text_buffer_set_text (buffer_of (self), text ? text : "", -1);
  g_signal_connect_object (buffer_of (self), "changed", G_CALLBACK (on_buffer_changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

const char *
charta_assessment_text_get_item_id (ChartaAssessmentText *self)
{
  g_return_val_if_fail (CHARTA_IS_ASSESSMENT_TEXT (self), NULL);
  return self->item_id;
}

const char *
charta_assessment_text_get_text (ChartaAssessmentText *self)
{
  g_return_val_if_fail (CHARTA_IS_ASSESSMENT_TEXT (self), NULL);
  return self->text;
}

void
charta_assessment_text_flush (ChartaAssessmentText *self)
{
  g_return_if_fail (CHARTA_IS_ASSESSMENT_TEXT (self));
  if (self->timeout_id != 0)
    take_text (self);
}
