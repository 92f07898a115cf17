/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-conflicts"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-conflicts-dialog.h"

struct _ChartaConflictsDialog {
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkLabel *place_label;
  GtkTextView *ours_view;
  GtkTextView *theirs_view;
  GtkTextView *base_view;
  GtkTextView *edit_view;
  GtkLabel *error_label;
  GtkWidget *skip_button;

  ChartaDocument *document;
  guint current;
};

enum {
  RESOLVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChartaConflictsDialog, charta_conflicts_dialog, ADW_TYPE_WINDOW)

static const ChartaConflict *
current_conflict (ChartaConflictsDialog *self)
{
  const ChartaProject *p = charta_document_get_project (self->document);

  if (p->conflicts == NULL || self->current >= p->conflicts->len)
    return NULL;
  return g_ptr_array_index (p->conflicts, self->current);
}

/* Text is shown as text; other values (numbers, lists, whole entries) as JSON. */
static char *
value_text (const ChartaNode *value)
{
  GString *out;

  if (value == NULL)
    return NULL;
  if (value->type == CHARTA_NODE_STRING)
    return g_strdup (value->string);
  out = g_string_new (NULL);
  charta_json_write (out, value, 0);
  return g_string_free (out, FALSE);
}

static void
show_value (GtkTextView *view, const ChartaNode *value)
{
  g_autofree char *text = value_text (value);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view),
                            /* Translators: shown in place of a value one side does not have */
                            text ? text : _("(nothing: deleted or never set on this side)"), -1);
}

static gboolean
is_text_conflict (const ChartaConflict *c)
{
  const ChartaNode *sides[] = { c->ours, c->theirs, c->base };

  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    if (sides[i] != NULL)
      return sides[i]->type == CHARTA_NODE_STRING;
  return TRUE;
}

static void
update (ChartaConflictsDialog *self)
{
  const ChartaProject *p;
  guint n;
  const ChartaConflict *c;
  g_autofree char *subtitle = NULL;
  g_autofree char *place = NULL;
  g_autofree char *ours = NULL;

  if (self->document == NULL)   /* closed already */
    return;
  p = charta_document_get_project (self->document);
  n = p->conflicts ? p->conflicts->len : 0;

  if (n == 0)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_clear_object (&self->document);
      g_signal_emit (self, signals[RESOLVED], 0);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  if (self->current >= n)
    self->current = 0;
  c = g_ptr_array_index (p->conflicts, self->current);
  /* Translators: the dialog's subtitle */
  subtitle = g_strdup_printf (ngettext ("Conflict %u of %u", "Conflict %u of %u", n), self->current + 1, n);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  place = charta_merge_describe_path (p, c->path ? c->path : "");
  gtk_label_set_text (self->place_label, place);
  show_value (self->ours_view, c->ours);
  show_value (self->theirs_view, c->theirs);
  show_value (self->base_view, c->base);
  ours = value_text (c->ours);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->edit_view), ours ? ours : "", -1);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_sensitive (self->skip_button, n > 1);
}

static void
show_error (ChartaConflictsDialog *self, const char *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/* The value written in "Your own value": text for a text field, JSON otherwise; empty
 * for none. */
static gboolean
edited_value (ChartaConflictsDialog *self, const ChartaConflict *c, ChartaNode **value)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->edit_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  *value = NULL;
  if (*text == '\0')
    return TRUE;
  if (is_text_conflict (c))
    {
      *value = charta_node_new_string (text);
      return TRUE;
    }
  *value = charta_json_parse (text, strlen (text), NULL, NULL, &error);
  if (*value == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("This is not a value Charta can read: %s"), error->message);
      show_error (self, message);
      return FALSE;
    }
  return TRUE;
}

gboolean
charta_conflicts_dialog_resolve (ChartaConflictsDialog *self, ChartaMergeChoice choice)
{
  const ChartaConflict *c;
  g_autoptr(ChartaNode) value = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CHARTA_IS_CONFLICTS_DIALOG (self), FALSE);
  if (self->document == NULL)
    return FALSE;
  c = current_conflict (self);
  if (c == NULL)
    return FALSE;
  if (choice == CHARTA_MERGE_TAKE_VALUE && !edited_value (self, c, &value))
    return FALSE;
  /* The document's ::reloaded shows the next conflict, or closes the dialog. */
  if (!charta_document_resolve_conflict (self->document, self->current, choice, value, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  return TRUE;
}

static void on_ours_clicked_cb (ChartaConflictsDialog *self) { charta_conflicts_dialog_resolve (self, CHARTA_MERGE_TAKE_OURS); }
static void on_theirs_clicked_cb (ChartaConflictsDialog *self) { charta_conflicts_dialog_resolve (self, CHARTA_MERGE_TAKE_THEIRS); }
static void on_base_clicked_cb (ChartaConflictsDialog *self) { charta_conflicts_dialog_resolve (self, CHARTA_MERGE_TAKE_BASE); }
static void on_edit_clicked_cb (ChartaConflictsDialog *self) { charta_conflicts_dialog_resolve (self, CHARTA_MERGE_TAKE_VALUE); }

static void
on_skip_clicked_cb (ChartaConflictsDialog *self)
{
  self->current++;
  update (self);
}

guint
charta_conflicts_dialog_get_current (ChartaConflictsDialog *self)
{
  g_return_val_if_fail (CHARTA_IS_CONFLICTS_DIALOG (self), 0);
  return self->current;
}

void
charta_conflicts_dialog_set_edited_text (ChartaConflictsDialog *self, const char *text)
{
  g_return_if_fail (CHARTA_IS_CONFLICTS_DIALOG (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->edit_view), text, -1);
}

static void
charta_conflicts_dialog_dispose (GObject *object)
{
  ChartaConflictsDialog *self = CHARTA_CONFLICTS_DIALOG (object);

  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (object), CHARTA_TYPE_CONFLICTS_DIALOG);
  G_OBJECT_CLASS (charta_conflicts_dialog_parent_class)->dispose (object);
}

static void
charta_conflicts_dialog_class_init (ChartaConflictsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = charta_conflicts_dialog_dispose;

  signals[RESOLVED] = g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-conflicts-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaConflictsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ChartaConflictsDialog, place_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaConflictsDialog, ours_view);
  gtk_widget_class_bind_template_child (widget_class, ChartaConflictsDialog, theirs_view);
  gtk_widget_class_bind_template_child (widget_class, ChartaConflictsDialog, base_view);
  gtk_widget_class_bind_template_child (widget_class, ChartaConflictsDialog, edit_view);
  gtk_widget_class_bind_template_child (widget_class, ChartaConflictsDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaConflictsDialog, skip_button);
  gtk_widget_class_bind_template_callback (widget_class, on_ours_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_theirs_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_base_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_skip_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
charta_conflicts_dialog_init (ChartaConflictsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
charta_conflicts_dialog_new (GtkWindow *parent, ChartaDocument *document)
{
  ChartaConflictsDialog *self;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (document), NULL);
  self = g_object_new (CHARTA_TYPE_CONFLICTS_DIALOG, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  /* Another merge while it is open: show what the project holds now. */
  g_signal_connect_object (document, "reloaded", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  return GTK_WIDGET (self);
}
