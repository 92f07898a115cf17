/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-comments"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-comments-panel.h"

struct _ChartaCommentsPanel {
  AdwBin parent_instance;

  GtkListBox *list;
  GtkEntry *author_entry;
  GtkLabel *reply_label;
  GtkTextView *text_view;
  GtkLabel *error_label;
  GtkWidget *cancel_reply_button;

  ChartaDocument *document;
  char *target;
  char *reply_to;     /* the id of the comment a reply answers, or NULL */
  GSettings *settings;
  char *author;       /* when there are no settings */
};

G_DEFINE_FINAL_TYPE (ChartaCommentsPanel, charta_comments_panel, ADW_TYPE_BIN)

/* The "comment-author" setting; NULL when the schema is not installed. */
static GSettings *
open_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  if (schema == NULL || !g_settings_schema_has_key (schema, "comment-author"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static char *
dup_author (ChartaCommentsPanel *self)
{
  if (self->settings)
    return g_settings_get_string (self->settings, "comment-author");
  return g_strdup (self->author ? self->author : "");
}

static char *
describe_time (const char *time)
{
  g_autoptr(GDateTime) dt = time ? g_date_time_new_from_iso8601 (time, NULL) : NULL;
  g_autoptr(GDateTime) local = dt ? g_date_time_to_local (dt) : NULL;

  /* Translators: a comment's date and time, as in strftime */
  return local ? g_date_time_format (local, _("%Y-%m-%d %H:%M")) : g_strdup (time ? time : "");
}

static void rebuild (ChartaCommentsPanel *self);

static void
on_reply_clicked_cb (GtkButton *button, ChartaCommentsPanel *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "comment-id");
  const ChartaComment *c = charta_comments_find (charta_document_get_project (self->document), id);
  g_autofree char *text = NULL;

  if (c == NULL)
    return;
  g_free (self->reply_to);
  self->reply_to = g_strdup (id);
  /* Translators: %s is a name */
  text = g_strdup_printf (_("Replying to %s"), c->author);
  gtk_label_set_text (self->reply_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->reply_label), TRUE);
  gtk_widget_set_visible (self->cancel_reply_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
on_resolve_clicked_cb (GtkButton *button, ChartaCommentsPanel *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "comment-id");
  const ChartaComment *c = charta_comments_find (charta_document_get_project (self->document), id);

  if (c != NULL)
    charta_document_set_comment_resolved (self->document, id, !c->resolved);
}

static GtkWidget *
comment_button (ChartaCommentsPanel *self, const ChartaComment *c, const char *label, const char *a11y,
                GCallback callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "comment-id", g_strdup (c->id), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
comment_row (ChartaCommentsPanel *self, const ChartaComment *c, gboolean is_reply, gboolean thread_resolved)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *header = gtk_label_new (NULL);
  GtkWidget *text = gtk_label_new (c->text);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *when = describe_time (c->time);
  g_autofree char *head = NULL;
  g_autofree char *a11y = NULL;

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, is_reply ? 36 : 12);
  gtk_widget_set_margin_end (box, 12);
  if (thread_resolved)
    /* Translators: a comment's author and time, for a resolved thread */
    head = g_strdup_printf (_("%s · %s · resolved"), c->author, when);
  else
    /* Translators: a comment's author and time */
    head = g_strdup_printf (_("%s · %s"), c->author, when);
  gtk_label_set_text (GTK_LABEL (header), head);
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "caption");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  if (thread_resolved)
    gtk_widget_add_css_class (text, "dim-label");
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), text);
  if (!is_reply)
    {
      /* Translators: the accessible name of a comment's Reply button; %s is its author */
      a11y = g_strdup_printf (_("Reply to %s"), c->author);
      gtk_box_append (GTK_BOX (buttons), comment_button (self, c, _("_Reply"), a11y, G_CALLBACK (on_reply_clicked_cb)));
      g_free (a11y);
      /* Translators: the accessible name of a comment's Resolve button; %s is its author */
      a11y = g_strdup_printf (c->resolved ? _("Reopen the comment by %s") : _("Resolve the comment by %s"), c->author);
      gtk_box_append (GTK_BOX (buttons), comment_button (self, c, c->resolved ? _("Re_open") : _("Re_solve"), a11y,
                                                         G_CALLBACK (on_resolve_clicked_cb)));
      gtk_box_append (GTK_BOX (box), buttons);
    }
  return box;
}

static void
rebuild (ChartaCommentsPanel *self)
{
  g_autoptr(GPtrArray) thread = NULL;
  g_autofree char *author = dup_author (self);
  gboolean resolved = FALSE;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->author_entry), *author == '\0');
  if (self->document == NULL || self->target == NULL)
    return;
  thread = charta_comments_thread (charta_document_get_project (self->document), self->target);
  for (guint i = 0; i < thread->len; i++)
    {
      const ChartaComment *c = g_ptr_array_index (thread, i);
      gboolean is_reply = c->in_reply_to != NULL &&
                          charta_comments_find (charta_document_get_project (self->document), c->in_reply_to) != NULL;
      if (!is_reply)
        resolved = c->resolved;
      gtk_list_box_append (self->list, comment_row (self, c, is_reply, resolved));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), thread->len > 0);
}

static void
on_cancel_reply_cb (ChartaCommentsPanel *self)
{
  g_clear_pointer (&self->reply_to, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->reply_label), FALSE);
  gtk_widget_set_visible (self->cancel_reply_button, FALSE);
}

static void
on_add_cb (ChartaCommentsPanel *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *author = dup_author (self);
  g_autoptr(GError) error = NULL;
  ChartaComment *comment;

  if (self->document == NULL)
    return;
  if (*author == '\0')
    {
      g_free (author);
      author = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->author_entry))));
    }
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  comment = charta_comment_new (self->target, author, text);
  comment->in_reply_to = g_strdup (self->reply_to);
  if (!charta_document_add_comment (self->document, comment, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  /* The name is asked once, then kept. */
  if (self->settings)
    g_settings_set_string (self->settings, "comment-author", author);
  else
    {
      g_free (self->author);
      self->author = g_strdup (author);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_text_buffer_set_text (buffer, "", -1);
  on_cancel_reply_cb (self);
  rebuild (self);
}

static void
on_comments_changed_cb (ChartaCommentsPanel *self)
{
  rebuild (self);
}

static void
charta_comments_panel_dispose (GObject *object)
{
  ChartaCommentsPanel *self = CHARTA_COMMENTS_PANEL (object);

  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (object), CHARTA_TYPE_COMMENTS_PANEL);
  G_OBJECT_CLASS (charta_comments_panel_parent_class)->dispose (object);
}

static void
charta_comments_panel_finalize (GObject *object)
{
  ChartaCommentsPanel *self = CHARTA_COMMENTS_PANEL (object);

  g_free (self->target);
  g_free (self->reply_to);
  g_free (self->author);
  G_OBJECT_CLASS (charta_comments_panel_parent_class)->finalize (object);
}

static void
charta_comments_panel_class_init (ChartaCommentsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = charta_comments_panel_dispose;
  object_class->finalize = charta_comments_panel_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-comments-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaCommentsPanel, list);
  gtk_widget_class_bind_template_child (widget_class, ChartaCommentsPanel, author_entry);
  gtk_widget_class_bind_template_child (widget_class, ChartaCommentsPanel, reply_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaCommentsPanel, text_view);
  gtk_widget_class_bind_template_child (widget_class, ChartaCommentsPanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaCommentsPanel, cancel_reply_button);
  gtk_widget_class_bind_template_callback (widget_class, on_add_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_reply_cb);
}

static void
charta_comments_panel_init (ChartaCommentsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = open_settings ();
}

GtkWidget *
charta_comments_panel_new (ChartaDocument *document, const char *target)
{
  ChartaCommentsPanel *self = g_object_new (CHARTA_TYPE_COMMENTS_PANEL, NULL);

  self->document = document ? g_object_ref (document) : NULL;
  self->target = g_strdup (target);
  if (document)
    g_signal_connect_object (document, "comments-changed", G_CALLBACK (on_comments_changed_cb), self,
                             G_CONNECT_SWAPPED);
  rebuild (self);
  return GTK_WIDGET (self);
}
