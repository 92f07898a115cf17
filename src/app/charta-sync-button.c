/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-sync-button"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-sync.h"
#include "charta-sync-button.h"

struct _ChartaSyncButton {
  GtkButton parent_instance;

  ChartaSyncState *state;
  GtkWidget *image;
  GtkWidget *spinner;
  GtkWidget *label;
  GtkWidget *popover;   /* the reports the hub refused, each with a Remove button */
  GtkWidget *refused_box;
  char *text;
  char *description;
  gboolean pass_click;  /* a click from the popover's "Continue" goes to the window */
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
  gtk_widget_set_visible (self->label, self->text != NULL);
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

/* ---- the refused reports ----
 * A report the hub refused stays in the outbox until the user removes it. While any of
 * the city waits so, a click opens a popover listing them, each with the hub's reason and
 * a Remove button; "Continue" goes on to what a click otherwise does (try again what
 * waits, or send a report). */

static void fill_popover (ChartaSyncButton *self);

static char *
host_of (const char *endpoint)
{
  g_autoptr(GUri) uri = g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL);
  const char *host = uri ? g_uri_get_host (uri) : NULL;
  return g_strdup (host ? host : endpoint);
}

static void
remove_refused_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ChartaSyncButton *self = CHARTA_SYNC_BUTTON (widget);
  g_autoptr(GError) error = NULL;

  if (!charta_sync_state_remove (self->state, g_variant_get_string (parameter, NULL), &error))
    g_warning ("%s", error->message);
  if (charta_sync_state_get_refused (self->state) == 0)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  else
    fill_popover (self);
}

static void
on_continue_clicked_cb (GtkButton *button, ChartaSyncButton *self)
{
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  self->pass_click = TRUE;
  g_signal_emit_by_name (self, "clicked");
  self->pass_click = FALSE;
}

static GtkWidget *
refused_row (ChartaSyncButton *self, const ChartaOutboxEntry *entry)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label;
  GtkWidget *remove;
  g_autofree char *host = host_of (entry->endpoint);
  g_autofree char *title = NULL, *name = NULL;

  /* Translators: %1$s is a reporting period ("2024"), %2$s a hub's host name, %3$s the
   * hub's reason */
  title = g_strdup_printf (_("The report for %1$s to %2$s: %3$s"), entry->period ? entry->period : "?", host,
                           entry->last_error ? entry->last_error : "?");
  label = gtk_label_new (title);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  remove = gtk_button_new_with_mnemonic (_("_Remove"));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "destructive-action");
  /* Translators: the accessible name of the Remove button; %s is a reporting period */
  name = g_strdup_printf (_("Remove the refused report for %s"), entry->period ? entry->period : "?");
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "sync-button.remove-refused");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", entry->report_id);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), remove);
  return row;
}

static void
fill_popover (ChartaSyncButton *self)
{
  g_autoptr(GPtrArray) refused = charta_sync_state_list_refused (self->state);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->refused_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->refused_box), child);
  for (guint i = 0; i < refused->len; i++)
    gtk_box_append (GTK_BOX (self->refused_box), refused_row (self, g_ptr_array_index (refused, i)));
}

static void
build_popover (ChartaSyncButton *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (_("Refused by the Hub"));
  GtkWidget *explanation;
  GtkWidget *go_on = gtk_button_new_with_mnemonic (_("_Continue"));

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  explanation = gtk_label_new (_("These reports stay in the outbox and are not sent again until you remove them "
                                 "or send a newer report."));
  gtk_label_set_wrap (GTK_LABEL (explanation), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (explanation), 40);
  gtk_label_set_xalign (GTK_LABEL (explanation), 0);
  gtk_widget_add_css_class (explanation, "dim-label");
  self->refused_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_halign (go_on, GTK_ALIGN_END);
  gtk_widget_set_tooltip_text (go_on, _("Try again what waits, or send a report"));
  g_signal_connect (go_on, "clicked", G_CALLBACK (on_continue_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), explanation);
  gtk_box_append (GTK_BOX (box), self->refused_box);
  gtk_box_append (GTK_BOX (box), go_on);
  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
}

/* The class handler runs before the window's: with refused reports, the popover is
 * shown instead, and the click goes no further. */
static void
charta_sync_button_clicked (GtkButton *button)
{
  ChartaSyncButton *self = CHARTA_SYNC_BUTTON (button);

  if (self->pass_click || self->state == NULL || charta_sync_state_get_busy (self->state) ||
      charta_sync_state_get_refused (self->state) == 0)
    return;
  fill_popover (self);
  gtk_popover_popup (GTK_POPOVER (self->popover));
  g_signal_stop_emission_by_name (self, "clicked");
}

static void
charta_sync_button_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  ChartaSyncButton *self = CHARTA_SYNC_BUTTON (widget);

  GTK_WIDGET_CLASS (charta_sync_button_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
charta_sync_button_dispose (GObject *object)
{
  ChartaSyncButton *self = CHARTA_SYNC_BUTTON (object);

  g_clear_pointer (&self->popover, gtk_widget_unparent);
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
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkButtonClass *button_class = GTK_BUTTON_CLASS (klass);

  object_class->dispose = charta_sync_button_dispose;
  object_class->finalize = charta_sync_button_finalize;
  widget_class->size_allocate = charta_sync_button_size_allocate;
  button_class->clicked = charta_sync_button_clicked;
  gtk_widget_class_install_action (widget_class, "sync-button.remove-refused", "s", remove_refused_action);
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
  build_popover (self);
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

GtkPopover *
charta_sync_button_get_refused_popover (ChartaSyncButton *self)
{
  g_return_val_if_fail (CHARTA_IS_SYNC_BUTTON (self), NULL);
  return GTK_POPOVER (self->popover);
}
