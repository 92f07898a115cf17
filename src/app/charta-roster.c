/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-roster"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-entry-dialog.h"
#include "charta-roster.h"
#include "charta-ui-utils.h"

/* The list is rebuilt, at most once per main-loop turn, when its collection or the
 * actions change (a row says how many actions refer to its entry). */

struct _ChartaRoster {
  GtkWidget parent_instance;


  GtkWidget *title_label;
  GtkWidget *add_button;
  GtkWidget *empty_label;
  GtkWidget *list;

  ChartaCollection collection;
  gboolean is_page;
  ChartaDocument *document;
  guint refresh_id;
  gboolean stale;        /* changed while not shown: rebuilt when next shown */
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_COLLECTION,
  PROP_IS_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChartaRoster, charta_roster, GTK_TYPE_WIDGET)

/* Every entry of the three collections starts with its id, then its name or title. */
typedef struct {
  char *id;
  char *name;
} Entry;

static ChartaReferenceKind
reference_kind (ChartaRoster *self)
{
  return self->collection == CHARTA_COLLECTION_PEOPLE ? CHARTA_REFERENCE_PERSON
       : self->collection == CHARTA_COLLECTION_PARTNERS ? CHARTA_REFERENCE_PARTNER
       : CHARTA_REFERENCE_PROGRAMME;
}

static const Entry *
find_entry (ChartaRoster *self, const char *id)
{
  int position = charta_document_find (self->document, self->collection, id);
  return position < 0 ? NULL : charta_document_get (self->document, self->collection, position);
}

/* ---- the rows ---- */

static char *
entry_subtitle (ChartaRoster *self, gconstpointer entry, guint n_actions)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char *parts[2] = { NULL, NULL };

  if (self->collection == CHARTA_COLLECTION_PEOPLE)
    parts[0] = ((const ChartaPerson *) entry)->role, parts[1] = ((const ChartaPerson *) entry)->organisation;
  else if (self->collection == CHARTA_COLLECTION_PARTNERS)
    parts[0] = ((const ChartaPartner *) entry)->kind;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL)
      g_string_append_printf (s, "%s%s", s->len ? " · " : "", parts[i]);
  if (n_actions > 0)
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action", "%u actions", n_actions),
                                                n_actions);
      g_string_append_printf (s, "%s%s", s->len ? " · " : "", count);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
add_row (ChartaRoster *self, const Entry *entry)
{
  const ChartaProject *p = charta_document_get_project (self->document);
  g_autoptr(GPtrArray) users = charta_project_find_referring_actions (p, reference_kind (self), entry->id);
  g_autofree char *subtitle = entry_subtitle (self, entry, users->len);
  /* Translators: the accessible name of an edit button; %s is a person, partner or programme */
  g_autofree char *edit = g_strdup_printf (_("Edit “%s”"), entry->name);
  /* Translators: the accessible name of a remove button; %s is a person, partner or programme */
  g_autofree char *remove = g_strdup_printf (_("Remove “%s”"), entry->name);
  GtkWidget *row = adw_action_row_new ();

  charta_row_set_title (row, entry->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             charta_row_button_new ("document-edit-symbolic", "roster.edit", entry->id, edit));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             charta_row_button_new ("user-trash-symbolic", "roster.remove", entry->id, remove));
  gtk_list_box_append (GTK_LIST_BOX (self->list), row);
}

static void
rebuild (ChartaRoster *self)
{
  guint n = self->document ? charta_document_get_n (self->document, self->collection) : 0;
  GtkWidget *child;

  /* Each row counts the actions referring to it: only for a list someone sees. */
  if (n > 0 && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  gtk_widget_set_visible (self->empty_label, n == 0);
  gtk_widget_set_visible (self->list, n > 0);
  for (guint i = 0; i < n; i++)
    add_row (self, charta_document_get (self->document, self->collection, i));
}

static gboolean
refresh_idle (gpointer data)
{
  ChartaRoster *self = data;

  self->refresh_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (ChartaRoster *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle, self);
}

static void
on_collection_changed_cb (ChartaDocument *doc, int collection, guint position, guint removed, guint added,
                          ChartaRoster *self)
{
  if ((ChartaCollection) collection == self->collection || collection == CHARTA_COLLECTION_ACTIONS)
    queue_rebuild (self);
}

/* ---- adding, editing ---- */

static void
open_editor (ChartaRoster *self, const char *id)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));

  if (self->document != NULL)
    gtk_window_present (GTK_WINDOW (charta_entry_dialog_new (parent, self->document, self->collection, id)));
}

static void
add_action (GtkWidget *widget, const char *name, GVariant *param)
{
  open_editor (CHARTA_ROSTER (widget), NULL);
}

static void
edit_action (GtkWidget *widget, const char *name, GVariant *param)
{
  open_editor (CHARTA_ROSTER (widget), g_variant_get_string (param, NULL));
}

/* ---- removing ---- */

static void
remove_entry (ChartaRoster *self, const char *id, const char *replacement)
{
  g_autoptr(GError) error = NULL;
  const Entry *entry = find_entry (self, id);
  g_autofree char *name = g_strdup (entry ? entry->name : "");
  g_autofree char *text = NULL;

  if (!charta_document_remove_referenced (self->document, self->collection, id, replacement, &error))
    {
      charta_toast_with_undo (GTK_WIDGET (self), error->message, NULL);
      return;
    }
  /* Translators: a toast after removing; %s is a person, partner or programme */
  text = g_strdup_printf (_("“%s” removed"), name);
  charta_toast_with_undo (GTK_WIDGET (self), text, self->document);
}

typedef struct {
  ChartaRoster *self;
  char *id;
  GPtrArray *ids;         /* the replacements the drop-down offers: NULL first, for none */
  GtkDropDown *choice;
} Removal;

static void
removal_free (gpointer data, GClosure *closure)
{
  Removal *r = data;

  g_object_unref (r->self);
  g_free (r->id);
  g_ptr_array_unref (r->ids);
  g_free (r);
}

static void
on_remove_response_cb (AdwMessageDialog *dialog, const char *response, Removal *r)
{
  guint chosen = gtk_drop_down_get_selected (r->choice);

  if (g_strcmp0 (response, "remove") == 0 && r->self->document != NULL && find_entry (r->self, r->id) != NULL)
    remove_entry (r->self, r->id, chosen < r->ids->len ? g_ptr_array_index (r->ids, chosen) : NULL);
}

#define MAX_TITLES 5

/* "“Ann” is the owner of 2 actions: “A”, “B”." */
static char *
describe_users (ChartaRoster *self, const char *name, GPtrArray *users)
{
  g_autoptr(GString) titles = g_string_new (NULL);
  guint n = users->len;

  /* The first few: a person may own thousands of actions; the count says how many. */
  for (guint i = 0; i < MIN (users->len, MAX_TITLES); i++)
    {
      const ChartaAction *a = g_ptr_array_index (users, i);
      g_string_append_printf (titles, i ? ", “%s”" : "“%s”", a->title);
    }
  if (users->len > MAX_TITLES)
    g_string_append (titles, ", …");
  if (self->collection == CHARTA_COLLECTION_PEOPLE)
    /* Translators: %1$s is a person, %2$u a number of actions, %3$s their titles */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%1$s” owns %2$u action: %3$s.",
                                         "“%1$s” owns %2$u actions: %3$s.", n), name, n, titles->str);
  if (self->collection == CHARTA_COLLECTION_PARTNERS)
    /* Translators: %1$s is a partner, %2$u a number of actions, %3$s their titles */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%1$s” is a partner in %2$u action: %3$s.",
                                         "“%1$s” is a partner in %2$u actions: %3$s.", n), name, n, titles->str);
  /* Translators: %1$s is a programme, %2$u a number of actions, %3$s their titles */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%1$s” groups %2$u action: %3$s.",
                                       "“%1$s” groups %2$u actions: %3$s.", n), name, n, titles->str);
}

static GtkWidget *
replacement_choice (ChartaRoster *self, const char *id, GPtrArray *ids)
{
  GtkStringList *names = gtk_string_list_new (NULL);
  GtkWidget *choice;

  gtk_string_list_append (names, self->collection == CHARTA_COLLECTION_PROGRAMMES ? _("No programme") : _("Nobody"));
  g_ptr_array_add (ids, NULL);
  for (guint i = 0; i < charta_document_get_n (self->document, self->collection); i++)
    {
      const Entry *e = charta_document_get (self->document, self->collection, i);
      if (g_strcmp0 (e->id, id) == 0)
        continue;
      gtk_string_list_append (names, e->name);
      g_ptr_array_add (ids, g_strdup (e->id));
    }
  choice = gtk_drop_down_new (G_LIST_MODEL (names), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (choice), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Give them to"), -1);
  return choice;
}

static void
ask_removal (ChartaRoster *self, const Entry *entry, GPtrArray *users)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  g_autofree char *heading = g_strdup_printf (_("Remove “%s”?"), entry->name);
  g_autofree char *used = describe_users (self, entry->name, users);
  g_autofree char *body = g_strdup_printf ("%s %s", used, _("Give them to:"));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  Removal *r = g_new0 (Removal, 1);

  r->self = g_object_ref (self);
  r->id = g_strdup (entry->id);
  r->ids = g_ptr_array_new_with_free_func (g_free);
  r->choice = GTK_DROP_DOWN (replacement_choice (self, entry->id, r->ids));
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (r->choice));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "remove");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_remove_response_cb), r, removal_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaRoster *self = CHARTA_ROSTER (widget);
  const char *id = g_variant_get_string (param, NULL);
  const Entry *entry = self->document ? find_entry (self, id) : NULL;
  g_autoptr(GPtrArray) users = NULL;

  if (entry == NULL)
    return;
  users = charta_project_find_referring_actions (charta_document_get_project (self->document),
                                                 reference_kind (self), id);
  if (users->len == 0)
    remove_entry (self, id, NULL);
  else
    ask_removal (self, entry, users);
}

/* ---- GObject ---- */

/* Only bound children go with the template: its top one is unparented here. */
static void
unparent_children (GtkWidget *widget)
{
  for (GtkWidget *child; (child = gtk_widget_get_first_child (widget));)
    gtk_widget_unparent (child);
}

/* The texts that name the collection shown. */
static void
show_collection (ChartaRoster *self)
{
  const char *texts[][3] = {
    [CHARTA_COLLECTION_PEOPLE] = { N_("People"), N_("_Add Person"),
                                   N_("No people yet: add who owns actions, with their role.") },
    [CHARTA_COLLECTION_PARTNERS] = { N_("Partners"), N_("_Add Partner"),
                                     N_("No partners yet: add the organisations that take part in actions.") },
    [CHARTA_COLLECTION_PROGRAMMES] = { N_("Programmes"), N_("Add _Programme"),
                                       N_("No programmes: actions can be grouped as the agreement groups them.") },
  };
  const char *add = _(texts[self->collection][1]);

  gtk_label_set_text (GTK_LABEL (self->title_label), _(texts[self->collection][0]));
  gtk_widget_add_css_class (self->title_label, self->is_page ? "title-1" : "heading");
  if (self->is_page)
    gtk_widget_add_css_class (self->add_button, "suggested-action");
  else
    gtk_widget_remove_css_class (self->add_button, "suggested-action");

  gtk_button_set_label (GTK_BUTTON (self->add_button), add);
  charta_accessible_set_mnemonic_label (self->add_button, add);
  gtk_label_set_text (GTK_LABEL (self->empty_label), _(texts[self->collection][2]));
}

static void
charta_roster_constructed (GObject *object)
{
  G_OBJECT_CLASS (charta_roster_parent_class)->constructed (object);
  show_collection (CHARTA_ROSTER (object));
  rebuild (CHARTA_ROSTER (object));
}

static void
charta_roster_map (GtkWidget *widget)
{
  ChartaRoster *self = CHARTA_ROSTER (widget);

  GTK_WIDGET_CLASS (charta_roster_parent_class)->map (widget);
  if (self->stale)
    rebuild (self);
}

static void
charta_roster_dispose (GObject *object)
{
  ChartaRoster *self = CHARTA_ROSTER (object);

  charta_roster_set_document (self, NULL);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHARTA_TYPE_ROSTER);
  unparent_children (GTK_WIDGET (self));
  G_OBJECT_CLASS (charta_roster_parent_class)->dispose (object);
}

static void
charta_roster_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaRoster *self = CHARTA_ROSTER (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_COLLECTION:
      g_value_set_int (value, self->collection);
      break;
    case PROP_IS_PAGE:
      g_value_set_boolean (value, self->is_page);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_roster_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ChartaRoster *self = CHARTA_ROSTER (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      charta_roster_set_document (self, g_value_get_object (value));
      break;
    case PROP_COLLECTION:
      charta_roster_set_collection (self, g_value_get_int (value));
      break;
    case PROP_IS_PAGE:
      self->is_page = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_roster_class_init (ChartaRosterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = charta_roster_constructed;
  object_class->dispose = charta_roster_dispose;
  object_class->get_property = charta_roster_get_property;
  object_class->set_property = charta_roster_set_property;
  widget_class->map = charta_roster_map;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CHARTA_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* CHARTA_COLLECTION_PEOPLE, _PARTNERS or _PROGRAMMES */
  properties[PROP_COLLECTION] =
    g_param_spec_int ("collection", NULL, NULL, CHARTA_COLLECTION_PEOPLE, CHARTA_COLLECTION_PROGRAMMES,
                      CHARTA_COLLECTION_PEOPLE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* On a page of its own (a large title; ChartaRosterPage) or a section of the project page. */
  properties[PROP_IS_PAGE] =
    g_param_spec_boolean ("is-page", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-roster.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaRoster, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaRoster, add_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaRoster, empty_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaRoster, list);
  gtk_widget_class_install_action (widget_class, "roster.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "roster.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "roster.remove", "s", remove_action);
}

static void
charta_roster_init (ChartaRoster *self)
{
  self->collection = CHARTA_COLLECTION_PEOPLE;
  self->is_page = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
charta_roster_new (ChartaCollection collection)
{
  return g_object_new (CHARTA_TYPE_ROSTER, "collection", (int) collection, NULL);
}

void
charta_roster_set_collection (ChartaRoster *self, ChartaCollection collection)
{
  g_return_if_fail (CHARTA_IS_ROSTER (self));
  g_return_if_fail (collection >= CHARTA_COLLECTION_PEOPLE && collection <= CHARTA_COLLECTION_PROGRAMMES);

  if (self->collection == collection)
    return;
  self->collection = collection;
  show_collection (self);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLECTION]);
}

ChartaDocument *
charta_roster_get_document (ChartaRoster *self)
{
  g_return_val_if_fail (CHARTA_IS_ROSTER (self), NULL);
  return self->document;
}

void
charta_roster_set_document (ChartaRoster *self, ChartaDocument *document)
{
  g_return_if_fail (CHARTA_IS_ROSTER (self));

  if (self->document == document)
    return;
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document)
    {
      g_signal_connect (document, "collection-changed", G_CALLBACK (on_collection_changed_cb), self);
      g_signal_connect_swapped (document, "reloaded", G_CALLBACK (queue_rebuild), self);
    }
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/* ---- the People and Partners pages ---- */

struct _ChartaRosterPage {
  GtkWidget parent_instance;

  ChartaRoster *roster;
};

G_DEFINE_FINAL_TYPE (ChartaRosterPage, charta_roster_page, GTK_TYPE_WIDGET)

static void
charta_roster_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CHARTA_TYPE_ROSTER_PAGE);
  unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (charta_roster_page_parent_class)->dispose (object);
}

static void
charta_roster_page_class_init (ChartaRosterPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = charta_roster_page_dispose;
  g_type_ensure (CHARTA_TYPE_ROSTER);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-roster-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaRosterPage, roster);
}

static void
charta_roster_page_init (ChartaRosterPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
charta_roster_page_new (ChartaCollection collection)
{
  ChartaRosterPage *self = g_object_new (CHARTA_TYPE_ROSTER_PAGE, NULL);

  charta_roster_set_collection (self->roster, collection);
  return GTK_WIDGET (self);
}

ChartaRoster *
charta_roster_page_get_roster (ChartaRosterPage *self)
{
  g_return_val_if_fail (CHARTA_IS_ROSTER_PAGE (self), NULL);
  return self->roster;
}
