/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-info-bar"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-info-bar.h"

struct _ChartaInfoBar {
  GtkWidget parent_instance;

  GtkInfoBar *info_bar;
  GtkSpinner *spinner;
  GtkLabel *label;
  GtkWidget *reload_button;
  GtkWidget *discard_reload_button;
  GtkWidget *save_as_button;
  GtkWidget *ignore_button;
  GtkWidget *restore_button;
  GtkWidget *discard_draft_button;
  GtkWidget *resolve_button;
  GtkWidget *merge_copy_button;

  ChartaInfoKind kind;
  char *message;
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_MESSAGE,
  N_PROPS
};

enum {
  RESPONSE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_ENUM_TYPE (ChartaInfoKind, charta_info_kind,
  G_DEFINE_ENUM_VALUE (CHARTA_INFO_NONE, "none"),
  G_DEFINE_ENUM_VALUE (CHARTA_INFO_CHANGED_ON_DISK, "changed-on-disk"),
  G_DEFINE_ENUM_VALUE (CHARTA_INFO_CONFLICT, "conflict"),
  G_DEFINE_ENUM_VALUE (CHARTA_INFO_SAVE_REFUSED, "save-refused"),
  G_DEFINE_ENUM_VALUE (CHARTA_INFO_DRAFT_FOUND, "draft-found"),
  G_DEFINE_ENUM_VALUE (CHARTA_INFO_ERROR, "error"),
  G_DEFINE_ENUM_VALUE (CHARTA_INFO_UNRESOLVED, "unresolved"),
  G_DEFINE_ENUM_VALUE (CHARTA_INFO_CONFLICT_COPY, "conflict-copy"),
  G_DEFINE_ENUM_VALUE (CHARTA_INFO_MERGING, "merging"))

G_DEFINE_FINAL_TYPE (ChartaInfoBar, charta_info_bar, GTK_TYPE_WIDGET)

static const char *
kind_text (ChartaInfoBar *self)
{
  switch (self->kind)
    {
    case CHARTA_INFO_CHANGED_ON_DISK:
      return _("The file was changed on disk.");
    case CHARTA_INFO_CONFLICT:
      return _("The file was changed on disk, and you have unsaved changes. Reloading discards yours; "
               "Save As keeps both.");
    case CHARTA_INFO_SAVE_REFUSED:
      return _("The file was changed on disk since you opened it, so your changes were not saved "
               "over it. Reloading discards yours; Save As keeps both.");
    case CHARTA_INFO_DRAFT_FOUND:
      return _("Charta found unsaved changes to this project from a session that did not end normally.");
    case CHARTA_INFO_MERGING:
      return _("The file was changed on disk. Merging those changes with yours…");
    case CHARTA_INFO_UNRESOLVED:
      return _("This project holds conflicts from a merge that are not resolved yet. Until then each "
               "keeps your side's value.");
    case CHARTA_INFO_ERROR:
    case CHARTA_INFO_CONFLICT_COPY:
      return self->message ? self->message : "";
    case CHARTA_INFO_NONE:
    default:
      return "";
    }
}

static GtkMessageType
kind_message_type (ChartaInfoKind kind)
{
  switch (kind)
    {
    case CHARTA_INFO_CONFLICT:
    case CHARTA_INFO_SAVE_REFUSED:
      return GTK_MESSAGE_WARNING;
    case CHARTA_INFO_DRAFT_FOUND:
    case CHARTA_INFO_CONFLICT_COPY:
      return GTK_MESSAGE_QUESTION;
    case CHARTA_INFO_UNRESOLVED:
      return GTK_MESSAGE_WARNING;
    case CHARTA_INFO_ERROR:
      return GTK_MESSAGE_ERROR;
    case CHARTA_INFO_CHANGED_ON_DISK:
    case CHARTA_INFO_NONE:
    default:
      return GTK_MESSAGE_INFO;
    }
}

/* Both sides changed: never overwrite either silently, so the choice is reload or Save As. */
static void
update (ChartaInfoBar *self)
{
  ChartaInfoKind k = self->kind;
  gboolean both = k == CHARTA_INFO_CONFLICT || k == CHARTA_INFO_SAVE_REFUSED;

  gtk_label_set_text (self->label, kind_text (self));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), k == CHARTA_INFO_MERGING);
  gtk_spinner_set_spinning (self->spinner, k == CHARTA_INFO_MERGING);
  gtk_info_bar_set_message_type (self->info_bar, kind_message_type (k));
  gtk_widget_set_visible (self->reload_button, k == CHARTA_INFO_CHANGED_ON_DISK);
  gtk_widget_set_visible (self->ignore_button, k == CHARTA_INFO_CHANGED_ON_DISK || k == CHARTA_INFO_CONFLICT_COPY);
  gtk_widget_set_visible (self->resolve_button, k == CHARTA_INFO_UNRESOLVED);
  gtk_widget_set_visible (self->merge_copy_button, k == CHARTA_INFO_CONFLICT_COPY);
  gtk_widget_set_visible (self->discard_reload_button, both);
  gtk_widget_set_visible (self->save_as_button, both);
  gtk_widget_set_visible (self->restore_button, k == CHARTA_INFO_DRAFT_FOUND);
  gtk_widget_set_visible (self->discard_draft_button, k == CHARTA_INFO_DRAFT_FOUND);
  gtk_info_bar_set_revealed (self->info_bar, k != CHARTA_INFO_NONE);
}

static void
on_response_cb (GtkInfoBar *bar, int response, ChartaInfoBar *self)
{
  g_signal_emit (self, signals[RESPONSE], 0, response);
}

static void
charta_info_bar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CHARTA_TYPE_INFO_BAR);
  /* Only bound children go with the template: the top one is unparented here. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object)));)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (charta_info_bar_parent_class)->dispose (object);
}

static void
charta_info_bar_finalize (GObject *object)
{
  g_free (CHARTA_INFO_BAR (object)->message);
  G_OBJECT_CLASS (charta_info_bar_parent_class)->finalize (object);
}

static void
charta_info_bar_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaInfoBar *self = CHARTA_INFO_BAR (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_info_bar_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ChartaInfoBar *self = CHARTA_INFO_BAR (object);

  switch (prop_id)
    {
    case PROP_KIND:
      charta_info_bar_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_MESSAGE:
      charta_info_bar_set_message (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_info_bar_class_init (ChartaInfoBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = charta_info_bar_dispose;
  object_class->finalize = charta_info_bar_finalize;
  object_class->get_property = charta_info_bar_get_property;
  object_class->set_property = charta_info_bar_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, CHARTA_TYPE_INFO_KIND, CHARTA_INFO_NONE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RESPONSE] = g_signal_new ("response", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-info-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaInfoBar, info_bar);
  gtk_widget_class_bind_template_child (widget_class, ChartaInfoBar, spinner);
  gtk_widget_class_bind_template_child (widget_class, ChartaInfoBar, label);
  gtk_widget_class_bind_template_child (widget_class, ChartaInfoBar, reload_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaInfoBar, discard_reload_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaInfoBar, save_as_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaInfoBar, ignore_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaInfoBar, restore_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaInfoBar, discard_draft_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaInfoBar, resolve_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaInfoBar, merge_copy_button);
  gtk_widget_class_bind_template_callback (widget_class, on_response_cb);
}

static void
charta_info_bar_init (ChartaInfoBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
charta_info_bar_new (void)
{
  return g_object_new (CHARTA_TYPE_INFO_BAR, NULL);
}

ChartaInfoKind
charta_info_bar_get_kind (ChartaInfoBar *self)
{
  g_return_val_if_fail (CHARTA_IS_INFO_BAR (self), CHARTA_INFO_NONE);
  return self->kind;
}

void
charta_info_bar_set_kind (ChartaInfoBar *self, ChartaInfoKind kind)
{
  g_return_if_fail (CHARTA_IS_INFO_BAR (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
charta_info_bar_get_message (ChartaInfoBar *self)
{
  g_return_val_if_fail (CHARTA_IS_INFO_BAR (self), NULL);
  return self->message;
}

void
charta_info_bar_set_message (ChartaInfoBar *self, const char *message)
{
  g_return_if_fail (CHARTA_IS_INFO_BAR (self));

  if (g_strcmp0 (self->message, message) == 0)
    return;
  g_free (self->message);
  self->message = g_strdup (message);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

void
charta_info_bar_show_error (ChartaInfoBar *self, const char *message)
{
  g_return_if_fail (CHARTA_IS_INFO_BAR (self));
  charta_info_bar_set_message (self, message);
  charta_info_bar_set_kind (self, CHARTA_INFO_ERROR);
}
