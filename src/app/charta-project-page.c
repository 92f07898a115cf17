/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-project-page"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-date-row.h"
#include "charta-project-page.h"
#include "charta-roster.h"
#include "charta-ui-utils.h"

/* The fields show the document's header; a change is read back into a copy of the header
 * (charta_document_dup_header()), checked by the core and committed with
 * charta_document_set_header(), which makes no undo step when nothing changed. The fields
 * are filled again after every header change (undo, redo, reload). */

struct _ChartaProjectPage {
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkWidget *city_row;
  GtkWidget *country_row;
  GtkWidget *title_row;
  GtkWidget *city_error;
  GtkWidget *start_row;
  GtkWidget *end_row;
  GtkWidget *label_row;
  GtkWidget *period_error;
  GtkWidget *frameworks_group;
  GtkWidget *frameworks_error;
  GtkWidget *signed_row;
  GtkWidget *signatory_row;
  GtkWidget *occasion_row;
  GtkWidget *publish_switch;
  GtkWidget *programmes;
  GtkWidget *objectives_label;

  GPtrArray *framework_switches;  /* GtkSwitch, parallel to the catalogue's frameworks */
  ChartaDocument *document;
  gboolean filling;               /* the fields are being set from the document */
  guint objectives_id;
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChartaProjectPage, charta_project_page, GTK_TYPE_WIDGET)

/* ---- showing ---- */

/* The id of the catalogue's framework at @index: the switches follow the catalogue. */
static const char *
framework_id (guint index)
{
  return charta_framework_get_id (charta_catalogue_get_framework (charta_catalogue_get_default (), index));
}

static void
set_text (GtkWidget *row, const char *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
show_error (GtkWidget *label, const GError *error)
{
  gtk_label_set_text (GTK_LABEL (label), error ? error->message : "");
  gtk_widget_set_visible (label, error != NULL);
}

/* The codes the actions give, each once, in the order first met. */
static char *
list_objectives (const ChartaProject *p)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < p->actions->len; i++)
    {
      const ChartaAction *a = g_ptr_array_index (p->actions, i);
      for (guint k = 0; a->policy_objectives && k < a->policy_objectives->len; k++)
        {
          const char *code = g_ptr_array_index (a->policy_objectives, k);
          if (g_hash_table_add (seen, (gpointer) code))
            g_string_append_printf (codes, "%s%s", codes->len ? ", " : "", code);
        }
    }
  if (codes->len == 0)
    return g_strdup (_("No action gives a policy-objective code yet."));
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

static void
show_objectives (ChartaProjectPage *self)
{
  g_autofree char *objectives = list_objectives (charta_document_get_project (self->document));
  gtk_label_set_text (GTK_LABEL (self->objectives_label), objectives);
}

static gboolean
objectives_idle (gpointer data)
{
  ChartaProjectPage *self = data;

  self->objectives_id = 0;
  if (self->document != NULL)
    show_objectives (self);
  return G_SOURCE_REMOVE;
}

/* Only the codes follow the actions, once per main-loop turn: a field being typed in is
 * left alone. */
static void
on_collection_changed_cb (ChartaDocument *doc, int collection, guint position, guint removed, guint added,
                          ChartaProjectPage *self)
{
  if (collection == CHARTA_COLLECTION_ACTIONS && self->objectives_id == 0)
    self->objectives_id = g_idle_add (objectives_idle, self);
}

static void
fill (ChartaProjectPage *self)
{
  const ChartaProject *p;
  const ChartaSignature *sig;

  if (self->document == NULL)
    return;
  p = charta_document_get_project (self->document);
  sig = p->city->charter_signature;
  self->filling = TRUE;
  set_text (self->city_row, p->city->name);
  set_text (self->country_row, p->city->country);
  set_text (self->title_row, p->title);
  charta_date_row_set_date (CHARTA_DATE_ROW (self->start_row), p->period->start);
  charta_date_row_set_date (CHARTA_DATE_ROW (self->end_row), p->period->end);
  set_text (self->label_row, p->period->label);
  charta_date_row_set_date (CHARTA_DATE_ROW (self->signed_row), sig ? sig->date : NULL);
  set_text (self->signatory_row, sig ? sig->signatory : NULL);
  set_text (self->occasion_row, sig ? sig->occasion : NULL);
  gtk_switch_set_active (GTK_SWITCH (self->publish_switch), p->publish_review_levels);
  for (guint i = 0; i < self->framework_switches->len; i++)
    gtk_switch_set_active (g_ptr_array_index (self->framework_switches, i),
                           charta_project_uses_framework (p, framework_id (i)));
  show_objectives (self);
  show_error (self->city_error, NULL);
  show_error (self->period_error, NULL);
  show_error (self->frameworks_error, NULL);
  self->filling = FALSE;
}

/* ---- committing ---- */

static void
replace_text (char **field, GtkWidget *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  g_free (*field);
  *field = *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
read_signature (ChartaProjectPage *self, ChartaCity *city)
{
  ChartaSignature *sig = city->charter_signature ? city->charter_signature : charta_signature_new ();
  const char *date = charta_date_row_get_date (CHARTA_DATE_ROW (self->signed_row));

  g_free (sig->date);
  sig->date = g_strdup (date);
  replace_text (&sig->signatory, self->signatory_row);
  replace_text (&sig->occasion, self->occasion_row);
  /* An empty signature is no signature: the file leaves it out. */
  if (sig->date == NULL && sig->signatory == NULL && sig->occasion == NULL && sig->extra == NULL)
    g_clear_pointer (&sig, charta_signature_free);
  city->charter_signature = sig;
}

static void
read_frameworks (ChartaProjectPage *self, ChartaProject *header)
{
  g_ptr_array_set_size (header->frameworks, 0);
  for (guint i = 0; i < self->framework_switches->len; i++)
    if (gtk_switch_get_active (g_ptr_array_index (self->framework_switches, i)))
      g_ptr_array_add (header->frameworks, g_strdup (framework_id (i)));
}

/* Each group's own rule first, so that its message stands beside it. */
static gboolean
check_groups (ChartaProjectPage *self, const ChartaProject *header)
{
  g_autoptr(GError) city = NULL, period = NULL, frameworks = NULL;
  const ChartaProject *p = charta_document_get_project (self->document);
  gboolean ok = TRUE;

  ok &= charta_title_check (header->city->name, &city);
  if (charta_date_row_get_valid (CHARTA_DATE_ROW (self->start_row)) &&
      charta_date_row_get_valid (CHARTA_DATE_ROW (self->end_row)))
    ok &= charta_period_check (header->period->start, header->period->end, &period);
  else
    ok = FALSE;   /* the date row says what is wrong */
  ok &= charta_date_row_get_valid (CHARTA_DATE_ROW (self->signed_row));
  if (ok && !charta_project_check_header (p, header, &frameworks))
    ok = FALSE;
  show_error (self->city_error, city);
  show_error (self->period_error, period);
  show_error (self->frameworks_error, frameworks);
  return ok;
}

gboolean
charta_project_page_commit (ChartaProjectPage *self)
{
  g_autoptr(ChartaProject) header = NULL;

  g_return_val_if_fail (CHARTA_IS_PROJECT_PAGE (self), FALSE);
  if (self->document == NULL || self->filling)
    return FALSE;
  header = charta_document_dup_header (self->document);
  replace_text (&header->city->name, self->city_row);
  replace_text (&header->city->country, self->country_row);
  replace_text (&header->title, self->title_row);
  g_free (header->period->start);
  header->period->start = g_strdup (charta_date_row_get_date (CHARTA_DATE_ROW (self->start_row)));
  g_free (header->period->end);
  header->period->end = g_strdup (charta_date_row_get_date (CHARTA_DATE_ROW (self->end_row)));
  replace_text (&header->period->label, self->label_row);
  read_signature (self, header->city);
  read_frameworks (self, header);
  header->publish_review_levels = gtk_switch_get_active (GTK_SWITCH (self->publish_switch));
  if (!check_groups (self, header))
    return FALSE;
  charta_document_set_header (self->document, g_steal_pointer (&header));
  return TRUE;
}

static void
on_commit_cb (ChartaProjectPage *self)
{
  charta_project_page_commit (self);
}

/* A text field is committed when focus leaves it, as well as on Enter. */
static void
commit_on_leave (ChartaProjectPage *self, GtkWidget *row)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_object (focus, "leave", G_CALLBACK (on_commit_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (row, focus);
}

static void
add_framework_switches (ChartaProjectPage *self)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();

  for (guint i = 0; i < charta_catalogue_get_n_frameworks (catalogue); i++)
    {
      const char *title = charta_framework_get_title (charta_catalogue_get_framework (catalogue, i));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();

      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      charta_row_set_title (row, title);   /* names the switch too (libadwaita's labelled-by) */
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_commit_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->frameworks_group), row);
      g_ptr_array_add (self->framework_switches, toggle);
    }
}

/* ---- GObject ---- */

static void
charta_project_page_dispose (GObject *object)
{
  ChartaProjectPage *self = CHARTA_PROJECT_PAGE (object);

  charta_project_page_set_document (self, NULL);
  g_clear_handle_id (&self->objectives_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHARTA_TYPE_PROJECT_PAGE);
  g_clear_pointer (&self->framework_switches, g_ptr_array_unref);
  G_OBJECT_CLASS (charta_project_page_parent_class)->dispose (object);
}

static void
charta_project_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, CHARTA_PROJECT_PAGE (object)->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_project_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DOCUMENT:
      charta_project_page_set_document (CHARTA_PROJECT_PAGE (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_project_page_class_init (ChartaProjectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = charta_project_page_dispose;
  object_class->get_property = charta_project_page_get_property;
  object_class->set_property = charta_project_page_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CHARTA_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CHARTA_TYPE_DATE_ROW);
  g_type_ensure (CHARTA_TYPE_ROSTER);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-project-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaProjectPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ChartaProjectPage, city_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaProjectPage, country_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaProjectPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaProjectPage, city_error);
  gtk_widget_class_bind_template_child (widget_class, ChartaProjectPage, start_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaProjectPage, end_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaProjectPage, label_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaProjectPage, period_error);
  gtk_widget_class_bind_template_child (widget_class, ChartaProjectPage, frameworks_group);
  gtk_widget_class_bind_template_child (widget_class, ChartaProjectPage, frameworks_error);
  gtk_widget_class_bind_template_child (widget_class, ChartaProjectPage, signed_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaProjectPage, signatory_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaProjectPage, occasion_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaProjectPage, publish_switch);
  gtk_widget_class_bind_template_child (widget_class, ChartaProjectPage, programmes);
  gtk_widget_class_bind_template_child (widget_class, ChartaProjectPage, objectives_label);
  gtk_widget_class_bind_template_callback (widget_class, on_commit_cb);
}

static void
charta_project_page_init (ChartaProjectPage *self)
{
  GtkWidget *text_rows[] = { NULL, NULL, NULL, NULL, NULL, NULL, NULL };

  self->filling = TRUE;   /* no commit while the template is built */
  gtk_widget_init_template (GTK_WIDGET (self));
  self->framework_switches = g_ptr_array_new ();
  add_framework_switches (self);
  text_rows[0] = self->city_row, text_rows[1] = self->country_row, text_rows[2] = self->title_row;
  text_rows[3] = self->label_row, text_rows[4] = self->signatory_row, text_rows[5] = self->occasion_row;
  for (guint i = 0; text_rows[i] != NULL; i++)
    commit_on_leave (self, text_rows[i]);
  self->filling = FALSE;
}

GtkWidget *
charta_project_page_new (void)
{
  return g_object_new (CHARTA_TYPE_PROJECT_PAGE, NULL);
}

ChartaDocument *
charta_project_page_get_document (ChartaProjectPage *self)
{
  g_return_val_if_fail (CHARTA_IS_PROJECT_PAGE (self), NULL);
  return self->document;
}

void
charta_project_page_set_document (ChartaProjectPage *self, ChartaDocument *document)
{
  g_return_if_fail (CHARTA_IS_PROJECT_PAGE (self));

  if (self->document == document)
    return;
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document)
    {
      g_signal_connect_swapped (document, "header-changed", G_CALLBACK (fill), self);
      g_signal_connect_swapped (document, "reloaded", G_CALLBACK (fill), self);
      g_signal_connect (document, "collection-changed", G_CALLBACK (on_collection_changed_cb), self);
    }
  charta_roster_set_document (CHARTA_ROSTER (self->programmes), document);
  fill (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}
