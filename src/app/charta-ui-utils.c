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

static void
on_undo_cb (AdwToast *toast, ChartaDocument *document)
{
  charta_document_undo (document);
}

void
charta_toast_with_undo (GtkWidget *widget, const char *text, ChartaDocument *document)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return;
  toast = adw_toast_new (text);
  if (document != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_cb), document, 0);
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

GtkWidget *
charta_row_button_new (const char *icon, const char *action, const char *target, const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  return button;
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

/* GTK 4.8 names a button from its accessible label and from its label child both, and
 * takes the raw text as the label: "_Save" reads "_Save Save", an explicit name "Save Save".
 * The name comes from the label alone: the child relation is dropped and, for a mnemonic,
 * the label holds the text without its underline. Done when a button is mapped, after
 * its .ui or code gave it an explicit name: one rule for every button of the app,
 * libadwaita's dialogs included. */
static gboolean
name_button_on_map (GSignalInvocationHint *hint, guint n_params, const GValue *params, gpointer data)
{
  GObject *object = g_value_get_object (&params[0]);
  const char *label;

  if (!GTK_IS_BUTTON (object) || (label = gtk_button_get_label (GTK_BUTTON (object))) == NULL)
    return TRUE;
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (object), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  if (gtk_button_get_use_underline (GTK_BUTTON (object)) && strchr (label, '_') != NULL)
    charta_accessible_set_mnemonic_label (GTK_WIDGET (object), label);
  return TRUE;
}

void
charta_accessible_name_buttons (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      guint map = g_signal_lookup ("map", GTK_TYPE_WIDGET);
      g_signal_add_emission_hook (map, 0, name_button_on_map, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}

/* Tab, inside @list, moves on past it: the whole list is one stop, which it enters at the
 * row last focused or selected. @list is made unfocusable for the move so that the window
 * goes on with what follows it. */
static gboolean
on_list_key_pressed_cb (GtkEventControllerKey *key, guint keyval, guint keycode, GdkModifierType state,
                        GtkWidget *list)
{
  gboolean backward = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0;
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (list));
  gboolean moved;

  if ((keyval != GDK_KEY_Tab && keyval != GDK_KEY_ISO_Left_Tab && keyval != GDK_KEY_KP_Tab) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || root == NULL)
    return FALSE;
  gtk_widget_set_can_focus (list, FALSE);
  moved = gtk_widget_child_focus (root, backward ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
  gtk_widget_set_can_focus (list, TRUE);
  return moved;
}

void
charta_list_make_one_tab_stop (GtkWidget *list)
{
  GtkEventController *key = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_list_key_pressed_cb), list);
  gtk_widget_add_controller (list, key);
}

/* Walks the focusable widgets under @widget in order, counting in *@n: stops at @target
 * when given (*@n is then its place), else at the *@n-th (counting down to 0). */
GtkWidget *
charta_walk_focusable (GtkWidget *widget, GtkWidget *target, int *n)
{
  if (!gtk_widget_get_visible (widget))
    return NULL;
  if (gtk_widget_get_focusable (widget))
    {
      if (target != NULL ? widget == target : *n == 0)
        return widget;
      *n += target != NULL ? 1 : -1;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = charta_walk_focusable (c, target, n);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_drop_down_selected_cb (GtkDropDown *dropdown)
{
  GObject *item = gtk_drop_down_get_selected_item (dropdown);

  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown),
                               GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : NULL);
}

void
charta_drop_down_ellipsize (GtkDropDown *dropdown)
{
  g_autoptr(GtkListItemFactory) shown =
    gtk_builder_list_item_factory_new_from_resource (NULL, "/io/github/charta/Charta/ui/charta-ellipsized-item.ui");
  g_autoptr(GtkListItemFactory) list =
    gtk_builder_list_item_factory_new_from_resource (NULL, "/io/github/charta/Charta/ui/charta-wrapped-item.ui");

  gtk_drop_down_set_factory (dropdown, shown);
  gtk_drop_down_set_list_factory (dropdown, list);
  g_signal_connect (dropdown, "notify::selected-item", G_CALLBACK (on_drop_down_selected_cb), NULL);
  on_drop_down_selected_cb (dropdown);
}

static GtkWidget *
find_label (GtkWidget *root, const char *text)
{
  if (GTK_IS_LIST_BOX (root))
    return NULL;
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

void
charta_group_wrap_title (AdwPreferencesGroup *group)
{
  /* The title's label is inside the group's own template, above its list of rows. */
  GtkWidget *label = find_label (GTK_WIDGET (group), adw_preferences_group_get_title (group));

  if (label == NULL)
    return;
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
}
