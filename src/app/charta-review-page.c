/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-review-page"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-date.h"
#include "charta-export-dialog.h"
#include "charta-review-column.h"
#include "charta-review-page-private.h"

/* A peer review (DIVE) or a mentoring (IncluCities) in four views: the review (kind,
 * stage, dates, team, items under review, what goes to the hub), the side-by-side view of
 * the city's and the reviewers' assessments, the visit, and the feedback report. Every
 * edit changes a copy of the review with the core's rules (charta-review.h) and hands it
 * to the document as one undo step; the views are rebuilt, once per main-loop turn, when
 * the review changes. */

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_REVIEW_ID,
  N_PROPS
};

enum {
  FIELD_TITLE,
  FIELD_START,
  FIELD_END,
  FIELD_MENTOR_CITY,
  FIELD_MENTEE_CITY,
  FIELD_MEMBER_CITY,
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChartaReviewPage, charta_review_page, GTK_TYPE_WIDGET)

/* ---- shared helpers (charta-review-page-private.h) ---- */

const ChartaReview *
_charta_review_page_get_review (ChartaReviewPage *self)
{
  if (self->document == NULL || self->review_id == NULL)
    return NULL;
  return charta_project_find_review (charta_document_get_project (self->document), self->review_id);
}

ChartaReview *
_charta_review_page_dup_review (ChartaReviewPage *self)
{
  const ChartaReview *review = _charta_review_page_get_review (self);

  return review ? charta_review_copy (review) : NULL;
}

void
_charta_review_page_commit (ChartaReviewPage *self, ChartaReview *copy)
{
  int position = charta_document_find_review (self->document, self->review_id);

  if (position < 0)
    {
      charta_review_free (copy);
      return;
    }
  charta_document_replace_review (self->document, position, copy);
}

gpointer
_charta_review_find_by_id (GPtrArray *list, const char *id)
{
  for (guint i = 0; list && i < list->len; i++)
    if (g_strcmp0 (*(char **) g_ptr_array_index (list, i), id) == 0)
      return g_ptr_array_index (list, i);
  return NULL;
}

void
_charta_review_page_remove (ChartaReviewPage *self, gsize list_offset, const char *id, GDestroyNotify free_func)
{
  g_autoptr(ChartaReview) copy = _charta_review_page_dup_review (self);
  GPtrArray *list = copy ? *(GPtrArray **) G_STRUCT_MEMBER_P (copy, list_offset) : NULL;
  gpointer object = _charta_review_find_by_id (list, id);

  if (object == NULL)
    return;
  g_ptr_array_remove (list, object);
  free_func (object);
  _charta_review_page_commit (self, g_steal_pointer (&copy));
}

void
_charta_review_page_toast (ChartaReviewPage *self, const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}

static void
target_free (gpointer data, GClosure *closure)
{
  ChartaReviewTarget *target = data;

  g_free (target->id);
  g_free (target);
}

void
_charta_review_page_connect (ChartaReviewPage *self, gpointer widget, const char *signal, GCallback callback,
                             const char *id, guint field)
{
  ChartaReviewTarget *target = g_new0 (ChartaReviewTarget, 1);

  target->page = self;
  target->id = g_strdup (id);
  target->field = field;
  g_signal_connect_data (widget, signal, callback, target, target_free, 0);
}

const char *
_charta_review_page_person_name (ChartaReviewPage *self, const char *person_id)
{
  const ChartaPerson *person;

  if (g_strcmp0 (person_id, CHARTA_REVIEW_ASSESSOR_TEAM) == 0)
    return _("The team (agreed)");
  person = charta_project_find_person (charta_document_get_project (self->document), person_id);
  return person && person->name ? person->name : person_id;
}

const char *
_charta_review_item_title (const char *id)
{
  const ChartaItem *item = charta_catalogue_lookup (charta_catalogue_get_default (), id);

  return item && charta_item_get_title (item) ? charta_item_get_title (item) : id;
}

GtkWidget *
_charta_review_group_new (GtkWidget *box, const char *title, const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *escaped = title ? g_markup_escape_text (title, -1) : NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), escaped);
  charta_group_set_description (group, description);
  gtk_box_append (GTK_BOX (box), group);
  return group;
}

GtkWidget *
_charta_review_entry_row (ChartaReviewPage *self, const char *title, const char *text, GCallback callback,
                          const char *id, guint field)
{
  GtkWidget *row = adw_entry_row_new ();

  charta_row_set_title (row, title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  _charta_review_page_connect (self, row, "apply", callback, id, field);
  return row;
}

GtkWidget *
_charta_review_icon_button (const char *icon_name, const char *name, const char *action, const char *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  return button;
}

gboolean
_charta_review_page_check_date (ChartaReviewPage *self, const char *text, char **out)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  *out = NULL;
  if (*stripped == '\0')
    return TRUE;
  if (!charta_date_is_valid (stripped))
    {
      g_autofree char *why = charta_date_describe_invalid (stripped);
      _charta_review_page_toast (self, why);
      return FALSE;
    }
  *out = g_steal_pointer (&stripped);
  return TRUE;
}

/* Empties a view's box. The focus leaves it first for the view stack: a focus left on a
 * removed widget trips GTK's viewport, and the keyboard stays in the page. */
void
_charta_review_page_clear (ChartaReviewPage *self, GtkWidget *box)
{
  GtkRoot *root = gtk_widget_get_root (box);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, box))
    {
      gtk_root_set_focus (root, NULL);
      gtk_widget_grab_focus (self->view_stack);
    }
  for (GtkWidget *child; (child = gtk_widget_get_first_child (box));)
    gtk_box_remove (GTK_BOX (box), child);
}

/* ---- the review: stage, details, team, items, the hub ---- */

/* The catalogue's stages, each with words and an icon for done, now or to come. */
static void
build_stages (ChartaReviewPage *self, const ChartaReview *review)
{
  g_autoptr(GPtrArray) stages = charta_review_get_stages ();
  const ChartaItem *next = charta_review_get_next_stage (review);
  GtkWidget *group = _charta_review_group_new (self->review_box, _("Stage"), NULL);
  GtkWidget *button = charta_button_new_with_mnemonic (_("Move to the _Next Stage"));
  gboolean done = review->stage != NULL;

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "review.next-stage");
  if (next != NULL)
    {
      /* Translators: the tooltip of "Move to the Next Stage"; %s is the stage, e.g. "Feedback report" */
      g_autofree char *tip = g_strdup_printf (_("Next: %s"), charta_item_get_title (next));
      gtk_widget_set_tooltip_text (button, tip);
    }
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
  for (guint i = 0; i < stages->len; i++)
    {
      const ChartaItem *stage = g_ptr_array_index (stages, i);
      gboolean current = g_strcmp0 (charta_item_get_id (stage), review->stage) == 0;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon;

      if (current)
        done = FALSE;
      charta_row_set_title (row, charta_item_get_title (stage));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), current ? _("Current stage") : done ? _("Done") : _("To come"));
      icon = gtk_image_new_from_icon_name (current ? "media-playback-start-symbolic"
                                           : done ? "emblem-ok-symbolic" : "content-loading-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      current ? _("Current stage") : done ? _("Done") : _("To come"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      if (current)
        gtk_widget_add_css_class (row, "review-current-stage");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
on_review_field_apply_cb (AdwEntryRow *row, ChartaReviewTarget *t)
{
  g_autoptr(ChartaReview) copy = _charta_review_page_dup_review (t->page);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  char **field = NULL;

  if (copy == NULL)
    return;
  switch (t->field)
    {
    case FIELD_TITLE: field = &copy->title; break;
    case FIELD_START: field = &copy->start; break;
    case FIELD_END: field = &copy->end; break;
    case FIELD_MENTOR_CITY: field = &copy->mentor_city; break;
    case FIELD_MENTEE_CITY: field = &copy->mentee_city; break;
    default: g_assert_not_reached ();
    }
  if (t->field == FIELD_START || t->field == FIELD_END)
    {
      g_autofree char *date = NULL;
      if (!_charta_review_page_check_date (t->page, text, &date))
        return;
      g_free (*field);
      *field = g_steal_pointer (&date);
    }
  else
    {
      g_free (*field);
      *field = *text ? g_steal_pointer (&text) : NULL;
    }
  _charta_review_page_commit (t->page, g_steal_pointer (&copy));
}

static void
on_kind_selected_cb (AdwComboRow *row, GParamSpec *pspec, ChartaReviewPage *self)
{
  g_autoptr(ChartaReview) copy = _charta_review_page_dup_review (self);

  if (copy == NULL || adw_combo_row_get_selected (row) >= CHARTA_N_REVIEW_KINDS)
    return;
  copy->kind = (int) adw_combo_row_get_selected (row);
  _charta_review_page_commit (self, g_steal_pointer (&copy));
}

static void
build_details (ChartaReviewPage *self, const ChartaReview *review)
{
  GtkWidget *group = _charta_review_group_new (self->review_box, _("Review"), NULL);
  GtkWidget *kind = adw_combo_row_new ();
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GCallback apply = G_CALLBACK (on_review_field_apply_cb);

  for (int k = 0; k < CHARTA_N_REVIEW_KINDS; k++)
    gtk_string_list_append (kinds, charta_review_kind_get_label (k));
  charta_row_set_title (kind, _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind), G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), review->kind);
  g_signal_connect (kind, "notify::selected", G_CALLBACK (on_kind_selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), kind);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             _charta_review_entry_row (self, _("Title"), review->title, apply, NULL, FIELD_TITLE));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             _charta_review_entry_row (self, _("Start (YYYY-MM-DD)"), review->start, apply, NULL,
                                                       FIELD_START));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             _charta_review_entry_row (self, _("End (YYYY-MM-DD)"), review->end, apply, NULL,
                                                       FIELD_END));
  if (review->kind == CHARTA_REVIEW_INCLUCITIES_MENTORING)
    {
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 _charta_review_entry_row (self, _("Mentor city"), review->mentor_city, apply, NULL,
                                                           FIELD_MENTOR_CITY));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 _charta_review_entry_row (self, _("Mentee city"), review->mentee_city, apply, NULL,
                                                           FIELD_MENTEE_CITY));
    }
}

/* Applies @change to the team member named by @t in a copy of the review. */
static void
edit_member (ChartaReviewTarget *t, void (*change) (ChartaReviewer *m, gconstpointer value), gconstpointer value)
{
  g_autoptr(ChartaReview) copy = _charta_review_page_dup_review (t->page);
  ChartaReviewer *member = copy ? charta_review_find_reviewer (copy, t->id) : NULL;

  if (member == NULL)
    return;
  g_free (t->page->expanded);
  t->page->expanded = g_strdup (t->id);
  change (member, value);
  _charta_review_page_commit (t->page, g_steal_pointer (&copy));
}

static void
set_member_person (ChartaReviewer *m, gconstpointer value)
{
  g_free (m->person);
  m->person = g_strdup (value);
}

static void
set_member_role (ChartaReviewer *m, gconstpointer value)
{
  m->role = GPOINTER_TO_INT (value);
}

static void
set_member_city (ChartaReviewer *m, gconstpointer value)
{
  g_free (m->city);
  m->city = value && *(const char *) value ? g_strdup (value) : NULL;
}

static void
on_member_person_cb (AdwComboRow *row, GParamSpec *pspec, ChartaReviewTarget *t)
{
  const ChartaProject *p = charta_document_get_project (t->page->document);
  guint selected = adw_combo_row_get_selected (row);

  if (selected < p->people->len)
    edit_member (t, set_member_person, ((ChartaPerson *) g_ptr_array_index (p->people, selected))->id);
}

static void
on_member_role_cb (AdwComboRow *row, GParamSpec *pspec, ChartaReviewTarget *t)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected < CHARTA_N_REVIEW_ROLES)
    edit_member (t, set_member_role, GINT_TO_POINTER (selected));
}

static void
on_member_city_cb (AdwEntryRow *row, ChartaReviewTarget *t)
{
  g_autofree char *city = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  edit_member (t, set_member_city, city);
}

static GtkWidget *
member_combo (ChartaReviewPage *self, const char *title, GListModel *model, guint selected, GCallback callback,
              const char *id)
{
  GtkWidget *row = adw_combo_row_new ();

  charta_row_set_title (row, title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), model);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  _charta_review_page_connect (self, row, "notify::selected", callback, id, 0);
  return row;
}

/* A member's form is made when first opened: combo rows are slow to make, and a team is
 * read far more often than edited. The target's field says whether it is made. */
static void
on_member_expanded_cb (AdwExpanderRow *row, GParamSpec *pspec, ChartaReviewTarget *t)
{
  ChartaReviewPage *self = t->page;
  const ChartaProject *p = charta_document_get_project (self->document);
  const ChartaReview *review = _charta_review_page_get_review (self);
  const ChartaReviewer *m = review ? charta_review_find_reviewer (review, t->id) : NULL;
  g_autoptr(GtkStringList) people = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  guint person = GTK_INVALID_LIST_POSITION;

  if (!adw_expander_row_get_expanded (row) || t->field || m == NULL)
    return;
  t->field = TRUE;
  for (guint i = 0; i < p->people->len; i++)
    {
      const ChartaPerson *candidate = g_ptr_array_index (p->people, i);
      gtk_string_list_append (people, candidate->name ? candidate->name : candidate->id);
      if (g_strcmp0 (candidate->id, m->person) == 0)
        person = i;
    }
  for (int r = 0; r < CHARTA_N_REVIEW_ROLES; r++)
    gtk_string_list_append (roles, charta_review_role_get_label (r));
  adw_expander_row_add_row (row, member_combo (self, _("Person"), G_LIST_MODEL (people), person,
                                               G_CALLBACK (on_member_person_cb), m->id));
  adw_expander_row_add_row (row, member_combo (self, _("Role"), G_LIST_MODEL (roles), m->role,
                                               G_CALLBACK (on_member_role_cb), m->id));
  adw_expander_row_add_row (row, _charta_review_entry_row (self, _("City"), m->city, G_CALLBACK (on_member_city_cb),
                                                           m->id, FIELD_MEMBER_CITY));
}

static GtkWidget *
member_row (ChartaReviewPage *self, const ChartaReviewer *m)
{
  GtkWidget *row = adw_expander_row_new ();
  const char *name = _charta_review_page_person_name (self, m->person);
  g_autofree char *subtitle = m->city ? g_strdup_printf (_("%s · %s"), charta_review_role_get_label (m->role), m->city)
                                      : g_strdup (charta_review_role_get_label (m->role));
  /* Translators: the accessible name of a button; %s is a person */
  g_autofree char *remove = g_strdup_printf (_("Remove %s from the team"), name);

  charta_row_set_title (row, name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                               _charta_review_icon_button ("user-trash-symbolic", remove, "review.remove-reviewer", m->id));
  _charta_review_page_connect (self, row, "notify::expanded", G_CALLBACK (on_member_expanded_cb), m->id, FALSE);
  if (g_strcmp0 (m->id, self->expanded) == 0)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  return row;
}

static void
build_team (ChartaReviewPage *self, const ChartaReview *review)
{
  const ChartaProject *p = charta_document_get_project (self->document);
  GtkWidget *group = _charta_review_group_new (self->review_box, _("Team"),
                                               _("People of the project, with the city they come from and their role"));
  GtkWidget *add = charta_button_new_with_mnemonic (_("_Add Reviewer"));

  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "review.add-reviewer");
  if (p->people->len == 0)
    gtk_widget_set_tooltip_text (add, _("Add people to the project first"));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
  for (guint i = 0; review->team && i < review->team->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), member_row (self, g_ptr_array_index (review->team, i)));
}

static void
build_items (ChartaReviewPage *self, const ChartaReview *review)
{
  g_autoptr(GPtrArray) items = charta_review_get_items (review);
  /* Translators: the description of the items under review; %u is how many are assessed */
  g_autofree char *description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item to assess",
                                                               "%u items to assess", items->len), items->len);
  GtkWidget *group = _charta_review_group_new (self->review_box, _("Under Review"), description);

  for (guint i = 0; review->items && i < review->items->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      const char *id = g_ptr_array_index (review->items, i);
      const ChartaItem *item = charta_catalogue_lookup (charta_catalogue_get_default (), id);

      charta_row_set_title (row, _charta_review_item_title (id));
      if (item != NULL && charta_item_get_description (item) != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), charta_item_get_description (item));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
on_publish_cb (GtkSwitch *toggle, GParamSpec *pspec, ChartaReviewPage *self)
{
  charta_document_set_publish_review_levels (self->document, gtk_switch_get_active (toggle));
}

/* The core keeps reviewers' data out of the hub report unless the city publishes the
 * agreed levels (charta-report.c); this is that choice. */
static void
build_sharing (ChartaReviewPage *self)
{
  GtkWidget *group = _charta_review_group_new (self->review_box, _("Progress Report to the Hub"), NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  charta_row_set_title (row, _("_Publish the teams’ agreed levels"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Off, the report the city sends holds only its own levels: the reviewers’ "
                                 "assessments, findings and visit stay in this file"));
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), charta_document_get_project (self->document)->publish_review_levels);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (on_publish_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void queue_rebuild (ChartaReviewPage *self);

/* ---- side by side ---- */

static void
on_column_save_cb (ChartaReviewColumn *column, ChartaReviewPage *self)
{
  g_autoptr(ChartaReview) copy = _charta_review_page_dup_review (self);
  ChartaReviewAssessment *a = charta_review_column_dup_assessment (column);

  if (copy == NULL)
    {
      charta_review_assessment_free (a);
      return;
    }
  /* Saved (or emptied): no longer a column waiting to be saved. */
  for (guint i = 0; i < self->pending->len; i++)
    {
      g_autofree char *key = g_strdup_printf ("%s %s", a->item, a->assessor);
      if (g_str_equal (g_ptr_array_index (self->pending, i), key))
        g_ptr_array_remove_index (self->pending, i--);
    }
  charta_review_set_assessment (copy, a);
  _charta_review_page_commit (self, g_steal_pointer (&copy));
}

static gboolean
is_pending (ChartaReviewPage *self, const char *item_id, const char *assessor)
{
  g_autofree char *key = g_strdup_printf ("%s %s", item_id, assessor);

  return g_ptr_array_find_with_equal_func (self->pending, key, g_str_equal, NULL);
}

/* The reviewers (not the team) without a column for @item_id. */
static GPtrArray *
missing_assessors (ChartaReviewPage *self, const ChartaReview *review, const char *item_id)
{
  g_autoptr(GPtrArray) assessors = charta_review_get_assessors (review);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 1; i < assessors->len; i++)
    {
      const char *a = g_ptr_array_index (assessors, i);
      if (charta_review_find_assessment (review, item_id, a) == NULL && !is_pending (self, item_id, a))
        g_ptr_array_add (out, (gpointer) a);
    }
  return out;
}

static void
on_add_column_cb (GtkButton *button, ChartaReviewTarget *t)
{
  const ChartaReview *review = _charta_review_page_get_review (t->page);
  GtkWidget *dropdown = gtk_widget_get_prev_sibling (GTK_WIDGET (button));
  g_autoptr(GPtrArray) missing = NULL;
  guint selected;

  if (review == NULL)
    return;
  missing = missing_assessors (t->page, review, t->id);
  selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));
  if (selected >= missing->len)
    return;
  g_ptr_array_add (t->page->pending, g_strdup_printf ("%s %s", t->id, (char *) g_ptr_array_index (missing, selected)));
  queue_rebuild (t->page);
}

static GtkWidget *
reviewer_column (ChartaReviewPage *self, const ChartaItem *item, const ChartaReviewAssessment *a,
                 const char *assessor, int city_level)
{
  GtkWidget *column = charta_review_column_new (_charta_review_page_person_name (self, assessor), TRUE);

  charta_review_column_set_reviewer (CHARTA_REVIEW_COLUMN (column), item, a, assessor, city_level);
  g_signal_connect (column, "save", G_CALLBACK (on_column_save_cb), self);
  return column;
}

static GtkWidget *
add_column_box (ChartaReviewPage *self, const ChartaReview *review, const char *item_id)
{
  g_autoptr(GPtrArray) missing = missing_assessors (self, review, item_id);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *box, *dropdown, *button;

  if (missing->len == 0)
    return NULL;
  for (guint i = 0; i < missing->len; i++)
    gtk_string_list_append (names, _charta_review_page_person_name (self, g_ptr_array_index (missing, i)));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reviewer"), -1);
  charta_drop_down_ellipsize (GTK_DROP_DOWN (dropdown));
  button = gtk_button_new_with_label (_("Add Reviewer’s Assessment"));
  /* Narrow, the words go on two lines rather than past the window's edge. */
  gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), TRUE);
  _charta_review_page_connect (self, button, "clicked", G_CALLBACK (on_add_column_cb), item_id, 0);
  gtk_box_append (GTK_BOX (box), dropdown);
  gtk_box_append (GTK_BOX (box), button);
  return box;
}

/* The item's title in full (indicators' titles are long), and in words and with an icon
 * whether the team differs from the city. */
static GtkWidget *
compare_heading (const ChartaItem *item, ChartaLevelComparison cmp)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (charta_item_get_title (item));
  GtkWidget *status = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gboolean differs = charta_level_comparison_differs (cmp);
  GtkWidget *icon = gtk_image_new_from_icon_name (differs ? "dialog-warning-symbolic"
                                                  : cmp == CHARTA_LEVEL_SAME ? "emblem-ok-symbolic"
                                                                             : "content-loading-symbolic");
  GtkWidget *text = gtk_label_new (differs ? _("The team’s level differs from the city’s")
                                   : cmp == CHARTA_LEVEL_SAME ? _("The team agrees with the city’s level")
                                                              : _("The team has not given a level yet"));

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  differs ? _("Warning") : _("Status"), -1);
  gtk_widget_add_css_class (text, differs ? "warning" : "dim-label");
  if (differs)
    gtk_widget_add_css_class (icon, "warning");
  gtk_box_append (GTK_BOX (status), icon);
  gtk_box_append (GTK_BOX (status), text);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), status);
  return box;
}

/* @column into the flow box @columns, whose child is no Tab stop of its own: the fields in
 * the column are. As many on a line as there are columns, if they fit, so that they share
 * the line's width. */
static void
append_column (GtkWidget *columns, GtkWidget *column)
{
  guint n = gtk_flow_box_get_max_children_per_line (GTK_FLOW_BOX (columns));

  gtk_widget_set_hexpand (column, TRUE);
  gtk_flow_box_append (GTK_FLOW_BOX (columns), column);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (columns), gtk_widget_get_prev_sibling (gtk_widget_get_parent (column)) ? n + 1 : 1);
  gtk_widget_set_focusable (gtk_widget_get_parent (column), FALSE);
}

/* One item: the city's column, the team's, then each reviewer's. */
static void
build_compare_item (ChartaReviewPage *self, const ChartaReview *review, const ChartaItem *item)
{
  const ChartaProject *p = charta_document_get_project (self->document);
  const char *id = charta_item_get_id (item);
  const ChartaAssessment *own = charta_project_get_assessment (p, id);
  const ChartaReviewAssessment *team = charta_review_find_assessment (review, id, CHARTA_REVIEW_ASSESSOR_TEAM);
  int city_level = own ? own->level : CHARTA_UNSET;
  ChartaLevelComparison cmp = charta_review_compare_level (city_level, team ? team->level : CHARTA_UNSET);
  g_autoptr(GPtrArray) assessors = charta_review_get_assessors (review);
  GtkWidget *group, *columns, *column, *add;

  group = _charta_review_group_new (self->compare_box, NULL, NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), compare_heading (item, cmp));
  /* Side by side where they fit, one under the other on a narrow window. */
  columns = gtk_flow_box_new ();
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (columns), FALSE);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (columns), GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (columns), 1);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (columns), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (columns), 12);
  column = charta_review_column_new (_("The city’s self-assessment"), FALSE);
  charta_review_column_set_city (CHARTA_REVIEW_COLUMN (column), item, own);
  append_column (columns, column);
  for (guint i = 0; i < assessors->len; i++)
    {
      const char *assessor = g_ptr_array_index (assessors, i);
      const ChartaReviewAssessment *a = charta_review_find_assessment (review, id, assessor);
      if (i == 0 || a != NULL || is_pending (self, id, assessor))
        append_column (columns, reviewer_column (self, item, a, assessor, city_level));
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), columns);
  if ((add = add_column_box (self, review, id)) != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), add);
}

void
_charta_review_page_build_compare (ChartaReviewPage *self)
{
  const ChartaReview *review = _charta_review_page_get_review (self);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GArray) differences = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *label;

  _charta_review_page_clear (self, self->compare_box);
  if (review == NULL)
    return;
  items = charta_review_get_items (review);
  differences = charta_review_compare_levels (review, charta_document_get_project (self->document));
  /* Translators: the side-by-side view's summary; the first %u is the items under review */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u item under review; the team’s level differs from the city’s on %u. "
                                          "The city’s own assessment is never changed here.",
                                          "%u items under review; the team’s level differs from the city’s on %u. "
                                          "The city’s own assessment is never changed here.", items->len),
                             items->len, differences->len);
  label = gtk_label_new (summary);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (self->compare_box), label);
  for (guint i = 0; i < items->len; i++)
    build_compare_item (self, review, g_ptr_array_index (items, i));
}

/* ---- building ---- */

static void
build_header (ChartaReviewPage *self)
{
  const ChartaReview *review = _charta_review_page_get_review (self);
  const ChartaItem *stage;
  g_autofree char *subtitle = NULL;

  if (review == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->title_label), "");
      gtk_label_set_text (GTK_LABEL (self->subtitle_label), "");
      return;
    }
  stage = review->stage ? charta_catalogue_lookup (charta_catalogue_get_default (), review->stage) : NULL;
  gtk_label_set_text (GTK_LABEL (self->title_label),
                      charta_review_get_name (review));
  /* Translators: under a review's title: its kind and stage, e.g. "DIVE peer review · Four-day visit" */
  subtitle = g_strdup_printf (_("%s · %s"), charta_review_kind_get_label (review->kind),
                              stage ? charta_item_get_title (stage) : _("No stage yet"));
  gtk_label_set_text (GTK_LABEL (self->subtitle_label), subtitle);
}

static void
build_review (ChartaReviewPage *self)
{
  const ChartaReview *review = _charta_review_page_get_review (self);

  _charta_review_page_clear (self, self->review_box);
  if (review == NULL)
    return;
  build_stages (self, review);
  build_details (self, review);
  build_team (self, review);
  build_items (self, review);
  build_sharing (self);
}

/* Only the view shown is built; the others when they are shown next. */
static const char * const view_names[N_VIEWS] = { "review", "compare", "visit", "feedback" };

static void
build_visible (ChartaReviewPage *self)
{
  const char *name = adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (self->view_stack));
  void (*builders[N_VIEWS]) (ChartaReviewPage *) = { build_review, _charta_review_page_build_compare,
                                                     _charta_review_page_build_visit,
                                                     _charta_review_page_build_feedback };

  for (guint i = 0; i < N_VIEWS; i++)
    if (g_strcmp0 (name, view_names[i]) == 0 && (self->stale & (1u << i)))
      {
        self->stale &= ~(1u << i);
        builders[i] (self);
      }
}

/* The box of the view shown. */
static GtkWidget *
visible_box (ChartaReviewPage *self)
{
  const char *name = adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (self->view_stack));
  GtkWidget *boxes[N_VIEWS] = { self->review_box, self->compare_box, self->visit_box, self->feedback_box };

  for (guint i = 0; i < N_VIEWS; i++)
    if (g_strcmp0 (name, view_names[i]) == 0)
      return boxes[i];
  return NULL;
}

static GtkAdjustment *
visible_vadjustment (ChartaReviewPage *self)
{
  GtkWidget *box = visible_box (self);
  GtkWidget *scroller = box ? gtk_widget_get_ancestor (box, GTK_TYPE_SCROLLED_WINDOW) : NULL;

  return scroller ? gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)) : NULL;
}

/* Ticks come before the layout: wait (a few frames at most) until the rebuilt view has its
 * height, or the scroll would be cut to the empty view's; then put it back. */
static gboolean
restore_scroll_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  ChartaReviewPage *self = CHARTA_REVIEW_PAGE (widget);
  GtkAdjustment *vadj = visible_vadjustment (self);

  if (vadj != NULL && gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj) < self->restore_scroll &&
      self->restore_frames++ < 10)
    return G_SOURCE_CONTINUE;
  self->restore_id = 0;
  if (vadj != NULL)
    gtk_adjustment_set_value (vadj, self->restore_scroll);
  return G_SOURCE_REMOVE;
}

/* A rebuild after an edit keeps the keyboard's place: the focus goes back to the field at
 * the same place in the rebuilt view (not to the view stack), and the view's scroll
 * stays where it was. */
static void
rebuild_in_place (ChartaReviewPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *box = visible_box (self);
  GtkAdjustment *vadj = visible_vadjustment (self);
  double scroll = vadj ? gtk_adjustment_get_value (vadj) : 0;
  int n = 0, place = -1;

  if (focus != NULL && box != NULL && gtk_widget_is_ancestor (focus, box) &&
      charta_walk_focusable (box, focus, &n) != NULL)
    place = n;
  build_header (self);
  build_visible (self);
  if (place < 0 || box != visible_box (self))
    return;
  focus = charta_walk_focusable (box, NULL, &place);
  /* Without selecting the text: a field given the focus back would select all of it. */
  if (GTK_IS_TEXT (focus))
    gtk_text_grab_focus_without_selecting (GTK_TEXT (focus));
  else if (focus != NULL)
    gtk_widget_grab_focus (focus);
  if (vadj != NULL && self->restore_id == 0)
    {
      self->restore_scroll = scroll;
      self->restore_frames = 0;
      self->restore_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), restore_scroll_tick, NULL, NULL);
    }
}

static gboolean
rebuild_idle (gpointer data)
{
  ChartaReviewPage *self = data;

  self->rebuild_id = 0;
  self->stale = (1u << N_VIEWS) - 1;
  rebuild_in_place (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (ChartaReviewPage *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle, self);
}

/* ---- actions ---- */

static void
next_stage_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaReviewPage *self = CHARTA_REVIEW_PAGE (widget);
  g_autoptr(ChartaReview) copy = _charta_review_page_dup_review (self);

  if (copy == NULL)
    return;
  if (!charta_review_advance_stage (copy))
    {
      _charta_review_page_toast (self, _("The review is at its last stage"));
      return;
    }
  _charta_review_page_commit (self, g_steal_pointer (&copy));
}

/* A new member is the first of the project's people not in the team yet, as a peer; its
 * row is there to change the person, role and city. */
static void
add_reviewer_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaReviewPage *self = CHARTA_REVIEW_PAGE (widget);
  const ChartaProject *p = charta_document_get_project (self->document);
  g_autoptr(ChartaReview) copy = _charta_review_page_dup_review (self);
  const ChartaPerson *person = NULL;

  if (copy == NULL || p->people->len == 0)
    {
      _charta_review_page_toast (self, _("Add people to the project first"));
      return;
    }
  for (guint i = 0; i < p->people->len && person == NULL; i++)
    {
      const ChartaPerson *candidate = g_ptr_array_index (p->people, i);
      gboolean in_team = FALSE;
      for (guint k = 0; copy->team && k < copy->team->len; k++)
        in_team |= g_strcmp0 (((ChartaReviewer *) g_ptr_array_index (copy->team, k))->person, candidate->id) == 0;
      if (!in_team)
        person = candidate;
    }
  if (person == NULL)
    person = g_ptr_array_index (p->people, 0);
  if (copy->team == NULL)
    copy->team = g_ptr_array_new ();
  g_ptr_array_add (copy->team, charta_reviewer_new (person->id, CHARTA_REVIEW_ROLE_PEER));
  g_free (self->expanded);
  self->expanded = g_strdup (((ChartaReviewer *) g_ptr_array_index (copy->team, copy->team->len - 1))->id);
  _charta_review_page_commit (self, g_steal_pointer (&copy));
}

static void
remove_reviewer_action (GtkWidget *widget, const char *name, GVariant *param)
{
  _charta_review_page_remove (CHARTA_REVIEW_PAGE (widget), G_STRUCT_OFFSET (ChartaReview, team),
                              g_variant_get_string (param, NULL), (GDestroyNotify) charta_reviewer_free);
}

/* The window asks first and keeps the undo step (win.delete-review). */
static void
delete_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaReviewPage *self = CHARTA_REVIEW_PAGE (widget);

  if (_charta_review_page_get_review (self) != NULL)
    gtk_widget_activate_action (widget, "win.delete-review", "s", self->review_id);
}

static void
export_action (GtkWidget *widget, const char *name, GVariant *param)
{
  charta_review_page_export (CHARTA_REVIEW_PAGE (widget));
}

/* ---- GObject ---- */

static void
charta_review_page_dispose (GObject *object)
{
  ChartaReviewPage *self = CHARTA_REVIEW_PAGE (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->restore_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->restore_id);
  self->restore_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), CHARTA_TYPE_REVIEW_PAGE);
  /* Only bound children go with the template: the top one is unparented here. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (charta_review_page_parent_class)->dispose (object);
}

static void
charta_review_page_finalize (GObject *object)
{
  ChartaReviewPage *self = CHARTA_REVIEW_PAGE (object);

  g_free (self->review_id);
  g_free (self->expanded);
  g_ptr_array_unref (self->pending);
  G_OBJECT_CLASS (charta_review_page_parent_class)->finalize (object);
}

static void
charta_review_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaReviewPage *self = CHARTA_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    case PROP_REVIEW_ID: g_value_set_string (value, self->review_id); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_review_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ChartaReviewPage *self = CHARTA_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: charta_review_page_set_document (self, g_value_get_object (value)); break;
    case PROP_REVIEW_ID: charta_review_page_set_review_id (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_review_page_class_init (ChartaReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = charta_review_page_dispose;
  object_class->finalize = charta_review_page_finalize;
  object_class->get_property = charta_review_page_get_property;
  object_class->set_property = charta_review_page_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CHARTA_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REVIEW_ID] =
    g_param_spec_string ("review-id", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "review.next-stage", NULL, next_stage_action);
  gtk_widget_class_install_action (widget_class, "review.add-reviewer", NULL, add_reviewer_action);
  gtk_widget_class_install_action (widget_class, "review.remove-reviewer", "s", remove_reviewer_action);
  gtk_widget_class_install_action (widget_class, "review.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "review.delete", NULL, delete_action);
  _charta_review_page_install_visit_actions (widget_class);
  _charta_review_page_install_feedback_actions (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaReviewPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaReviewPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaReviewPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ChartaReviewPage, review_box);
  gtk_widget_class_bind_template_child (widget_class, ChartaReviewPage, compare_box);
  gtk_widget_class_bind_template_child (widget_class, ChartaReviewPage, visit_box);
  gtk_widget_class_bind_template_child (widget_class, ChartaReviewPage, feedback_box);
  gtk_widget_class_bind_template_callback (widget_class, build_visible);
}

static void
charta_review_page_init (ChartaReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pending = g_ptr_array_new_with_free_func (g_free);
  /* The review, the actions that take up its recommendations and the people it names. */
  self->document_signals = g_signal_group_new (CHARTA_TYPE_DOCUMENT);
  g_signal_group_connect_swapped (self->document_signals, "reviews-changed", G_CALLBACK (queue_rebuild), self);
  g_signal_group_connect_swapped (self->document_signals, "collection-changed", G_CALLBACK (queue_rebuild), self);
  g_signal_group_connect_swapped (self->document_signals, "assessment-changed", G_CALLBACK (queue_rebuild), self);
  g_signal_group_connect_swapped (self->document_signals, "header-changed", G_CALLBACK (queue_rebuild), self);
  g_signal_group_connect_swapped (self->document_signals, "reloaded", G_CALLBACK (queue_rebuild), self);
}

/* ---- public API ---- */

GtkWidget *
charta_review_page_new (void)
{
  return g_object_new (CHARTA_TYPE_REVIEW_PAGE, NULL);
}

ChartaDocument *
charta_review_page_get_document (ChartaReviewPage *self)
{
  g_return_val_if_fail (CHARTA_IS_REVIEW_PAGE (self), NULL);
  return self->document;
}

void
charta_review_page_set_document (ChartaReviewPage *self, ChartaDocument *document)
{
  g_return_if_fail (CHARTA_IS_REVIEW_PAGE (self));
  g_return_if_fail (document == NULL || CHARTA_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;
  g_signal_group_set_target (self->document_signals, document);
  g_ptr_array_set_size (self->pending, 0);
  queue_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

const char *
charta_review_page_get_review_id (ChartaReviewPage *self)
{
  g_return_val_if_fail (CHARTA_IS_REVIEW_PAGE (self), NULL);
  return self->review_id;
}

void
charta_review_page_set_review_id (ChartaReviewPage *self, const char *review_id)
{
  g_return_if_fail (CHARTA_IS_REVIEW_PAGE (self));

  if (g_strcmp0 (self->review_id, review_id) == 0)
    return;
  g_free (self->review_id);
  self->review_id = g_strdup (review_id);
  g_ptr_array_set_size (self->pending, 0);
  queue_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEW_ID]);
}

void
charta_review_page_show_view (ChartaReviewPage *self, const char *name)
{
  g_return_if_fail (CHARTA_IS_REVIEW_PAGE (self));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), name);
}

gboolean
charta_review_page_get_pending (ChartaReviewPage *self)
{
  g_return_val_if_fail (CHARTA_IS_REVIEW_PAGE (self), FALSE);
  return self->rebuild_id != 0;
}

GtkWidget *
charta_review_page_export (ChartaReviewPage *self)
{
  ChartaExportDialog *dialog;

  g_return_val_if_fail (CHARTA_IS_REVIEW_PAGE (self), NULL);
  if (self->document == NULL || _charta_review_page_get_review (self) == NULL)
    return NULL;
  dialog = charta_export_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->document);
  charta_export_dialog_set_review (dialog, self->review_id);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}
