/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-entry-dialog"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-entry-dialog.h"
#include "charta-ui-utils.h"

/* People, partners and programmes are a name and a few texts: one small dialog edits the
 * three, showing the rows the collection has. The entry is copied when the dialog opens
 * and replaces the original on Save only when it differs (charta_document_replace()). */

struct _ChartaEntryDialog {
  AdwWindow parent_instance;

  ChartaDocument *document;
  ChartaCollection collection;
  char *entry_id;
  gpointer entry;          /* the copy being edited */
  gboolean is_new;
  gboolean touched;        /* the name was typed in: say what is wrong with it */

  /* template */
  GtkWidget *cancel_button;
  GtkWidget *save_button;
  GtkWidget *name_row;
  GtkWidget *role_row;
  GtkWidget *organisation_row;
  GtkWidget *email_row;
  GtkWidget *phone_row;
  GtkWidget *description_row;
  GtkWidget *error_label;
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_COLLECTION,
  PROP_ENTRY_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChartaEntryDialog, charta_entry_dialog, ADW_TYPE_WINDOW)

/* ---- the fields of each collection ---- */

typedef enum { F_NAME, F_ROLE, F_ORGANISATION, F_EMAIL, F_PHONE, F_DESCRIPTION, N_FIELDS } Field;

/* Where @field lives in the copy, or NULL when the collection has no such field. */
static char **
field_ptr (ChartaEntryDialog *self, Field field)
{
  switch (self->collection)
    {
    case CHARTA_COLLECTION_PEOPLE:
      {
        ChartaPerson *p = self->entry;
        char **fields[] = { &p->name, &p->role, &p->organisation, &p->email, &p->phone, NULL };
        return fields[field];
      }
    case CHARTA_COLLECTION_PARTNERS:
      {
        ChartaPartner *p = self->entry;
        char **fields[] = { &p->name, &p->kind, NULL, NULL, NULL, &p->description };
        return fields[field];
      }
    case CHARTA_COLLECTION_PROGRAMMES:
      {
        ChartaProgramme *p = self->entry;
        char **fields[] = { &p->title, NULL, NULL, NULL, NULL, &p->description };
        return fields[field];
      }
    default:
      g_assert_not_reached ();
    }
}

static GtkWidget *
field_row (ChartaEntryDialog *self, Field field)
{
  GtkWidget *rows[] = { self->name_row, self->role_row, self->organisation_row, self->email_row,
                        self->phone_row, self->description_row };
  return rows[field];
}

static gpointer
new_entry (ChartaCollection collection)
{
  switch (collection)
    {
    case CHARTA_COLLECTION_PEOPLE: return charta_person_new (NULL);
    case CHARTA_COLLECTION_PARTNERS: return charta_partner_new (NULL);
    case CHARTA_COLLECTION_PROGRAMMES: return charta_programme_new (NULL);
    default: g_assert_not_reached ();
    }
}

static gpointer
copy_entry (ChartaCollection collection, gconstpointer entry)
{
  switch (collection)
    {
    case CHARTA_COLLECTION_PEOPLE: return charta_person_copy (entry);
    case CHARTA_COLLECTION_PARTNERS: return charta_partner_copy (entry);
    case CHARTA_COLLECTION_PROGRAMMES: return charta_programme_copy (entry);
    default: g_assert_not_reached ();
    }
}

static void
free_entry (ChartaCollection collection, gpointer entry)
{
  if (entry == NULL)
    return;
  switch (collection)
    {
    case CHARTA_COLLECTION_PEOPLE: charta_person_free (entry); break;
    case CHARTA_COLLECTION_PARTNERS: charta_partner_free (entry); break;
    case CHARTA_COLLECTION_PROGRAMMES: charta_programme_free (entry); break;
    default: g_assert_not_reached ();
    }
}

/* The dialog's title and its rows' names. */
static void
show_collection (ChartaEntryDialog *self)
{
  const char *titles[][2] = {
    [CHARTA_COLLECTION_PEOPLE] = { N_("New Person"), N_("Edit Person") },
    [CHARTA_COLLECTION_PARTNERS] = { N_("New Partner"), N_("Edit Partner") },
    [CHARTA_COLLECTION_PROGRAMMES] = { N_("New Programme"), N_("Edit Programme") },
  };
  gboolean programme = self->collection == CHARTA_COLLECTION_PROGRAMMES;

  gtk_window_set_title (GTK_WINDOW (self), _(titles[self->collection][self->is_new ? 0 : 1]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), programme ? _("Title") : _("Name"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->role_row),
                                 self->collection == CHARTA_COLLECTION_PEOPLE ? _("Role") : _("Kind of organisation"));
  for (Field f = 0; f < N_FIELDS; f++)
    gtk_widget_set_visible (field_row (self, f), field_ptr (self, f) != NULL);
}

/* ---- checking and saving ---- */

static gboolean
check (ChartaEntryDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = charta_title_check (gtk_editable_get_text (GTK_EDITABLE (self->name_row)), &error);

  if (ok)
    gtk_widget_remove_css_class (self->name_row, "error");
  else
    gtk_widget_add_css_class (self->name_row, "error");
  gtk_label_set_text (GTK_LABEL (self->error_label), ok ? "" : error->message);
  /* A new entry's empty name is not an error yet: Save just waits for it. */
  gtk_widget_set_visible (self->error_label, !ok && self->touched);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  ok ? "" : error->message, -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entry.save", ok);
  return ok;
}

static void
on_changed_cb (ChartaEntryDialog *self)
{
  self->touched = TRUE;
  check (self);
}

static void
read_fields (ChartaEntryDialog *self)
{
  for (Field f = 0; f < N_FIELDS; f++)
    {
      char **ptr = field_ptr (self, f);
      g_autofree char *text = NULL;
      if (ptr == NULL)
        continue;
      text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field_row (self, f)))));
      g_free (*ptr);
      *ptr = *text != '\0' ? g_steal_pointer (&text) : NULL;
    }
}

gboolean
charta_entry_dialog_save (ChartaEntryDialog *self)
{
  int position;

  g_return_val_if_fail (CHARTA_IS_ENTRY_DIALOG (self), FALSE);
  self->touched = TRUE;
  if (!check (self))
    return FALSE;
  read_fields (self);
  position = self->is_new ? -1 : charta_document_find (self->document, self->collection, self->entry_id);
  if (position >= 0)
    charta_document_replace (self->document, self->collection, position, copy_entry (self->collection, self->entry));
  else
    charta_document_insert (self->document, self->collection, charta_document_get_n (self->document, self->collection),
                            copy_entry (self->collection, self->entry));
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
save_action (GtkWidget *widget, const char *name, GVariant *param)
{
  charta_entry_dialog_save (CHARTA_ENTRY_DIALOG (widget));
}

static void
on_activated_cb (ChartaEntryDialog *self)
{
  charta_entry_dialog_save (self);
}

/* ---- GObject ---- */

static void
charta_entry_dialog_constructed (GObject *object)
{
  ChartaEntryDialog *self = CHARTA_ENTRY_DIALOG (object);
  int position;

  G_OBJECT_CLASS (charta_entry_dialog_parent_class)->constructed (object);
  position = self->entry_id ? charta_document_find (self->document, self->collection, self->entry_id) : -1;
  self->is_new = position < 0;
  if (self->is_new)
    self->entry = new_entry (self->collection);
  else
    self->entry = copy_entry (self->collection, charta_document_get (self->document, self->collection, position));
  show_collection (self);
  for (Field f = 0; f < N_FIELDS; f++)
    {
      char **ptr = field_ptr (self, f);
      if (ptr != NULL)
        gtk_editable_set_text (GTK_EDITABLE (field_row (self, f)), *ptr ? *ptr : "");
    }
  self->touched = FALSE;
  check (self);
  gtk_window_set_focus (GTK_WINDOW (self), self->name_row);
}

static void
charta_entry_dialog_dispose (GObject *object)
{
  ChartaEntryDialog *self = CHARTA_ENTRY_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHARTA_TYPE_ENTRY_DIALOG);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (charta_entry_dialog_parent_class)->dispose (object);
}

static void
charta_entry_dialog_finalize (GObject *object)
{
  ChartaEntryDialog *self = CHARTA_ENTRY_DIALOG (object);

  free_entry (self->collection, self->entry);
  g_free (self->entry_id);
  G_OBJECT_CLASS (charta_entry_dialog_parent_class)->finalize (object);
}

static void
charta_entry_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaEntryDialog *self = CHARTA_ENTRY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_COLLECTION:
      g_value_set_int (value, self->collection);
      break;
    case PROP_ENTRY_ID:
      g_value_set_string (value, self->entry_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_entry_dialog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ChartaEntryDialog *self = CHARTA_ENTRY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case PROP_COLLECTION:
      self->collection = g_value_get_int (value);
      break;
    case PROP_ENTRY_ID:
      self->entry_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_entry_dialog_class_init (ChartaEntryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = charta_entry_dialog_constructed;
  object_class->dispose = charta_entry_dialog_dispose;
  object_class->finalize = charta_entry_dialog_finalize;
  object_class->get_property = charta_entry_dialog_get_property;
  object_class->set_property = charta_entry_dialog_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CHARTA_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* CHARTA_COLLECTION_PEOPLE, _PARTNERS or _PROGRAMMES */
  properties[PROP_COLLECTION] =
    g_param_spec_int ("collection", NULL, NULL, CHARTA_COLLECTION_PEOPLE, CHARTA_COLLECTION_PROGRAMMES,
                      CHARTA_COLLECTION_PEOPLE, G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENTRY_ID] =
    g_param_spec_string ("entry-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-entry-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaEntryDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaEntryDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaEntryDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEntryDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEntryDialog, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEntryDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEntryDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEntryDialog, description_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEntryDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activated_cb);
  gtk_widget_class_install_action (widget_class, "entry.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "entry.save", NULL);
}

static void
charta_entry_dialog_init (ChartaEntryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  charta_accessible_set_mnemonic_label (self->cancel_button, _("_Cancel"));
  charta_accessible_set_mnemonic_label (self->save_button, _("_Save"));
}

ChartaEntryDialog *
charta_entry_dialog_new (GtkWindow *parent, ChartaDocument *document, ChartaCollection collection, const char *id)
{
  g_return_val_if_fail (CHARTA_IS_DOCUMENT (document), NULL);
  return g_object_new (CHARTA_TYPE_ENTRY_DIALOG, "transient-for", parent, "document", document,
                       "collection", (int) collection, "entry-id", id, NULL);
}
