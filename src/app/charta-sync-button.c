/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-sync-button"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-sync-button.h"

struct _ChartaSyncButton {
  GtkButton parent_instance;

  ChartaSyncState *state;
  GtkWidget *image;
  GtkWidget *spinner;
  GtkWidget *label;
  char *text;
  char *description;
  gboolean compact;
};

G_DEFINE_FINAL_TYPE (ChartaSyncButton, charta_sync_button, GTK_TYPE_BUTTON)

static const char *
icon_for (ChartaSyncStatus status)
{
  switch (status)
    {
    case CHARTA_SYNC_STATUS_DELIVERED:
      return "emblem-ok-symbolic";
    case CHARTA_SYNC_STATUS_WAITING:
      return "network-offline-symbolic";
    case CHARTA_SYNC_STATUS_REFUSED:
      return "dialog-warning-symbolic";
    case CHARTA_SYNC_STATUS_FAILED:
      return "dialog-error-symbolic";
    case CHARTA_SYNC_STATUS_SENDING:
    case CHARTA_SYNC_STATUS_IDLE:
    default:
      return "mail-send-symbolic";
    }
}

static char *
text_for (ChartaSyncStatus status, guint waiting)
{
  switch (status)
    {
    case CHARTA_SYNC_STATUS_SENDING:
      return g_strdup (_("Sending…"));
    case CHARTA_SYNC_STATUS_DELIVERED:
      /* Translators: the sync status in the header bar: the hub has the report */
      return g_strdup (C_("sync status", "Delivered"));
    case CHARTA_SYNC_STATUS_WAITING:
      /* Translators: the sync status in the header bar: reports waiting in the outbox */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Waiting", "%u Waiting", waiting), waiting);
    case CHARTA_SYNC_STATUS_REFUSED:
      /* Translators: the sync status in the header bar: the hub refused the report */
      return g_strdup (C_("sync status", "Refused"));
    case CHARTA_SYNC_STATUS_FAILED:
      /* Translators: the sync status in the header bar: the report could not be sent */
      return g_strdup (C_("sync status", "Not Sent"));
    case CHARTA_SYNC_STATUS_IDLE:
    default:
      return NULL;
    }
}

static char *
description_for (ChartaSyncStatus status, guint waiting, const char *message)
{
  g_autofree char *waits = NULL;

  switch (status)
    {
    case CHARTA_SYNC_STATUS_IDLE:
      return g_strdup (_("Send the progress report to the network hub"));
    case CHARTA_SYNC_STATUS_SENDING:
      return g_strdup (_("Sending the progress report to the network hub"));
    case CHARTA_SYNC_STATUS_WAITING:
      waits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u report waits in the outbox. Click to try again now.",
                                            "%u reports wait in the outbox. Click to try again now.", waiting),
                               waiting);
      return message ? g_strconcat (message, " ", waits, NULL) : g_steal_pointer (&waits);
    case CHARTA_SYNC_STATUS_DELIVERED:
    case CHARTA_SYNC_STATUS_REFUSED:
    case CHARTA_SYNC_STATUS_FAILED:
    default:
      return g_strdup (message);
    }
}

static void
update (ChartaSyncButton *self)
{
  ChartaSyncStatus status = charta_sync_state_get_status (self->state);
  guint waiting = charta_sync_state_get_waiting (self->state);
  g_autofree char *name = NULL;

  g_free (self->text);
  g_free (self->description);
  self->text = text_for (status, waiting);
  self->description = description_for (status, waiting, charta_sync_state_get_message (self->state));
  gtk_image_set_from_icon_name (GTK_IMAGE (self->image), icon_for (status));
  gtk_widget_set_visible (self->image, status != CHARTA_SYNC_STATUS_SENDING);
  gtk_widget_set_visible (self->spinner, status == CHARTA_SYNC_STATUS_SENDING);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), status == CHARTA_SYNC_STATUS_SENDING);
  gtk_label_set_text (GTK_LABEL (self->label), self->text ? self->text : "");
  gtk_widget_set_visible (self->label, self->text != NULL && !self->compact);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->description);
  /* Translators: the accessible name of the sync status, e.g. "Progress report: Delivered" */
  name = self->text ? g_strdup_printf (_("Progress report: %s"), self->text) : g_strdup (_("Send Progress Report"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description ? self->description : "", -1);
  if (status == CHARTA_SYNC_STATUS_REFUSED || status == CHARTA_SYNC_STATUS_FAILED)
    gtk_widget_add_css_class (self->label, "error");
  else
    gtk_widget_remove_css_class (self->label, "error");
}

static void
charta_sync_button_dispose (GObject *object)
{
  ChartaSyncButton *self = CHARTA_SYNC_BUTTON (object);

  if (self->state)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  G_OBJECT_CLASS (charta_sync_button_parent_class)->dispose (object);
}

static void
charta_sync_button_finalize (GObject *object)
{
  ChartaSyncButton *self = CHARTA_SYNC_BUTTON (object);

  g_free (self->text);
  g_free (self->description);
  G_OBJECT_CLASS (charta_sync_button_parent_class)->finalize (object);
}

static void
charta_sync_button_class_init (ChartaSyncButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = charta_sync_button_dispose;
  object_class->finalize = charta_sync_button_finalize;
}

static void
charta_sync_button_init (ChartaSyncButton *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->image = gtk_image_new ();
  self->spinner = gtk_spinner_new ();
  self->label = gtk_label_new (NULL);
  gtk_box_append (GTK_BOX (box), self->image);
  gtk_box_append (GTK_BOX (box), self->spinner);
  gtk_box_append (GTK_BOX (box), self->label);
  gtk_button_set_child (GTK_BUTTON (self), box);
  gtk_widget_add_css_class (GTK_WIDGET (self), "flat");
}

GtkWidget *
charta_sync_button_new (ChartaSyncState *state)
{
  ChartaSyncButton *self;

  g_return_val_if_fail (CHARTA_IS_SYNC_STATE (state), NULL);

  self = g_object_new (CHARTA_TYPE_SYNC_BUTTON, NULL);
  self->state = g_object_ref (state);
  g_signal_connect_swapped (state, "notify", G_CALLBACK (update), self);
  update (self);
  return GTK_WIDGET (self);
}

void
charta_sync_button_set_compact (ChartaSyncButton *self, gboolean compact)
{
  g_return_if_fail (CHARTA_IS_SYNC_BUTTON (self));

  self->compact = compact;
  update (self);
}

const char *
charta_sync_button_get_text (ChartaSyncButton *self)
{
  g_return_val_if_fail (CHARTA_IS_SYNC_BUTTON (self), NULL);
  return self->text;
}

const char *
charta_sync_button_get_description (ChartaSyncButton *self)
{
  g_return_val_if_fail (CHARTA_IS_SYNC_BUTTON (self), NULL);
  return self->description;
}
