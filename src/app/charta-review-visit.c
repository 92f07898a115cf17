/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-review-page"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-date.h"
#include "charta-review-page-private.h"

/* The review page's Visit view: whether the sessions cover every item under review
 * (charta_review_find_gaps()), the days and those planned over their hours
 * (charta_review_get_days()), the sessions, and the documents asked of the city. */

enum {
  SESSION_DATE,
  SESSION_START,
  SESSION_END,
  SESSION_TITLE,
  SESSION_PLACE,
  SESSION_PARTICIPANTS,
};

static ChartaReviewSession *
find_session (const ChartaReview *review, const char *id)
{
  return _charta_review_find_by_id (review->sessions, id);
}

static ChartaReviewDocument *
find_document (const ChartaReview *review, const char *id)
{
  return _charta_review_find_by_id (review->documents, id);
}

static char *
describe_minutes (guint minutes)
{
  /* Translators: a duration in hours and minutes, e.g. "7 h 30 min" */
  return minutes % 60 ? g_strdup_printf (_("%u h %u min"), minutes / 60, minutes % 60)
                      : g_strdup_printf (_("%u h"), minutes / 60);
}

/* ---- coverage and days ---- */

static void
build_coverage (ChartaReviewPage *self, const ChartaReview *review)
{
  g_autoptr(GPtrArray) items = charta_review_get_items (review);
  g_autoptr(GPtrArray) gaps = charta_review_find_gaps (review);
  GtkWidget *group = _charta_review_group_new (self->visit_box, _("Coverage"), NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (gaps->len ? "dialog-warning-symbolic" : "emblem-ok-symbolic");
  g_autofree char *title = NULL;

  if (gaps->len == 0)
    /* Translators: the visit's coverage; %u is the number of items under review */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every item under review (%u) is covered by a session",
                                          "Every item under review (%u) is covered by a session", items->len),
                             items->len);
  else
    {
      GString *names = g_string_new (NULL);
      for (guint i = 0; i < gaps->len; i++)
        g_string_append_printf (names, "%s%s", i ? "\n" : "", charta_item_get_title (g_ptr_array_index (gaps, i)));
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item under review is not covered by any session",
                                            "%u items under review are not covered by any session", gaps->len),
                               gaps->len);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), names->str);
      g_string_free (names, TRUE);
      gtk_widget_add_css_class (icon, "warning");
    }
  charta_row_set_title (row, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gaps->len ? _("Warning") : _("Covered"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
build_days (ChartaReviewPage *self, const ChartaReview *review)
{
  g_autoptr(GArray) days = charta_review_get_days (review);
  guint hours = review->day_hours == CHARTA_UNSET ? CHARTA_REVIEW_DEFAULT_DAY_HOURS : (guint) review->day_hours;
  /* Translators: the description of the visit's days; %u is the hours of a day */
  g_autofree char *description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "A visit day holds %u hour",
                                                               "A visit day holds %u hours", hours), hours);
  GtkWidget *group = _charta_review_group_new (self->visit_box, _("Days"), description);

  for (guint i = 0; i < days->len; i++)
    {
      const ChartaReviewDay *day = &g_array_index (days, ChartaReviewDay, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *date = charta_format_date (day->date);
      g_autofree char *planned = describe_minutes (day->minutes);
      /* Translators: a visit day's sessions added up, e.g. "7 h 30 min planned" */
      g_autofree char *subtitle = g_strdup_printf (_("%s planned"), planned);

      charta_row_set_title (row, date);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (charta_review_day_is_too_long (day))
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
          GtkWidget *label = gtk_label_new (_("Over the day’s hours"));
          gtk_widget_add_css_class (icon, "warning");
          gtk_widget_add_css_class (label, "warning");
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"), -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

/* ---- sessions ---- */

static void
commit_session (ChartaReviewPage *self, ChartaReview *copy)
{
  g_autoptr(ChartaReview) owned = copy;

  for (guint i = 0; copy->sessions && i < copy->sessions->len; i++)
    {
      g_autoptr(GError) error = NULL;
      if (!charta_review_check_session (g_ptr_array_index (copy->sessions, i), &error))
        {
          _charta_review_page_toast (self, error->message);
          return;
        }
    }
  _charta_review_page_commit (self, g_steal_pointer (&owned));
}

static GPtrArray *
split_participants (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ";", -1);
  GPtrArray *out = NULL;

  for (guint i = 0; parts[i]; i++)
    {
      char *part = g_strstrip (parts[i]);
      if (*part == '\0')
        continue;
      if (out == NULL)
        out = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (out, g_strdup (part));
    }
  return out;
}

static char *
join_participants (GPtrArray *participants)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; participants && i < participants->len; i++)
    g_string_append_printf (out, "%s%s", i ? "; " : "", (char *) g_ptr_array_index (participants, i));
  return g_string_free (out, FALSE);
}

/* The session being edited stays open when the view is rebuilt. */
static void
keep_open (ChartaReviewTarget *t)
{
  g_free (t->page->expanded);
  t->page->expanded = g_strdup (t->id);
}

static void
on_session_field_cb (AdwEntryRow *row, ChartaReviewTarget *t)
{
  g_autoptr(ChartaReview) copy = _charta_review_page_dup_review (t->page);
  ChartaReviewSession *s = copy ? find_session (copy, t->id) : NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  char **field = NULL;

  keep_open (t);

  if (s == NULL)
    return;
  switch (t->field)
    {
    case SESSION_DATE: field = &s->date; break;
    case SESSION_START:
      /* The end moves with the start: the session keeps its length. */
      charta_review_session_set_start (s, *text ? text : NULL);
      break;
    case SESSION_END: field = &s->end; break;
    case SESSION_TITLE: field = &s->title; break;
    case SESSION_PLACE: field = &s->place; break;
    case SESSION_PARTICIPANTS:
      g_clear_pointer (&s->participants, g_ptr_array_unref);
      s->participants = split_participants (text);
      break;
    default: g_assert_not_reached ();
    }
  if (field != NULL)
    {
      g_free (*field);
      *field = *text ? g_steal_pointer (&text) : NULL;
    }
  commit_session (t->page, g_steal_pointer (&copy));
}

static void
on_session_kind_cb (AdwComboRow *row, GParamSpec *pspec, ChartaReviewTarget *t)
{
  g_autoptr(ChartaReview) copy = _charta_review_page_dup_review (t->page);
  ChartaReviewSession *s = copy ? find_session (copy, t->id) : NULL;
  guint selected = adw_combo_row_get_selected (row);

  keep_open (t);

  if (s == NULL || selected >= CHARTA_N_SESSION_KINDS)
    return;
  s->kind = (int) selected;
  commit_session (t->page, g_steal_pointer (&copy));
}

/* A check of an item the session covers; the item is the target's field, its position
 * among the items under review. */
static void
on_session_item_cb (GtkCheckButton *check, ChartaReviewTarget *t)
{
  g_autoptr(ChartaReview) copy = _charta_review_page_dup_review (t->page);
  ChartaReviewSession *s = copy ? find_session (copy, t->id) : NULL;
  g_autoptr(GPtrArray) items = copy ? charta_review_get_items (copy) : NULL;
  const char *id;
  guint position;

  keep_open (t);

  if (s == NULL || t->field >= items->len)
    return;
  id = charta_item_get_id (g_ptr_array_index (items, t->field));
  if (s->items == NULL)
    s->items = g_ptr_array_new_with_free_func (g_free);
  if (g_ptr_array_find_with_equal_func (s->items, id, g_str_equal, &position))
    g_ptr_array_remove_index (s->items, position);
  if (gtk_check_button_get_active (check))
    g_ptr_array_add (s->items, g_strdup (id));
  commit_session (t->page, g_steal_pointer (&copy));
}

/* The item @item_id itself, or the group or area above it that @session names. */
static const ChartaItem *
covering (const ChartaReviewSession *session, const ChartaItem *item)
{
  for (const ChartaItem *i = item; i != NULL; i = charta_item_get_parent (i))
    if (session->items && g_ptr_array_find_with_equal_func (session->items, charta_item_get_id (i), g_str_equal, NULL))
      return i;
  return NULL;
}

static void
add_session_items (ChartaReviewPage *self, GtkWidget *expander, const ChartaReview *review,
                   const ChartaReviewSession *s)
{
  g_autoptr(GPtrArray) items = charta_review_get_items (review);

  for (guint i = 0; i < items->len; i++)
    {
      const ChartaItem *item = g_ptr_array_index (items, i);
      const ChartaItem *by = covering (s, item);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      charta_row_set_title (row, charta_item_get_title (item));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), by != NULL);
      if (by != NULL && by != item)
        {
          /* Translators: a session covers an item through the group it names; %s is the group */
          g_autofree char *through = g_strdup_printf (_("Covered through “%s”"), charta_item_get_title (by));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), through);
          gtk_widget_set_sensitive (check, FALSE);
        }
      _charta_review_page_connect (self, check, "toggled", G_CALLBACK (on_session_item_cb), s->id, i);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
}

static void fill_session (ChartaReviewPage *self, GtkWidget *row, const ChartaReview *review,
                          const ChartaReviewSession *s);

static const char * const session_kinds[] = {
  /* Translators: a kind of visit session */
  N_("Interview"), N_("Workshop"), N_("Other"),
};

/* A session's form is made when first opened (the target's field says whether it is). */
static void
on_session_expanded_cb (AdwExpanderRow *row, GParamSpec *pspec, ChartaReviewTarget *t)
{
  const ChartaReview *review = _charta_review_page_get_review (t->page);
  ChartaReviewSession *s = review ? find_session (review, t->id) : NULL;

  if (!adw_expander_row_get_expanded (row) || t->field || s == NULL)
    return;
  t->field = TRUE;
  fill_session (t->page, GTK_WIDGET (row), review, s);
}

static GtkWidget *
session_row (ChartaReviewPage *self, const ChartaReview *review, const ChartaReviewSession *s)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *date = charta_format_date (s->date);
  g_autofree char *participants = join_participants (s->participants);
  /* Translators: a visit session's row: date, times and title, e.g. "18/03/2025 09:00–10:30 · HR" */
  g_autofree char *title = g_strdup_printf (_("%s %s–%s · %s"), date, s->start, s->end,
                                            s->title ? s->title : _("Untitled session"));
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), s->place ? s->place : _("No place set"),
                                               *participants ? participants : _("No participants named"));
  /* Translators: the accessible name of a button; %s is a session's title */
  g_autofree char *remove = g_strdup_printf (_("Remove the session “%s”"), s->title ? s->title : title);

  charta_row_set_title (row, title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                               _charta_review_icon_button ("user-trash-symbolic", remove, "review.remove-session", s->id));
  _charta_review_page_connect (self, row, "notify::expanded", G_CALLBACK (on_session_expanded_cb), s->id, FALSE);
  return row;
}

static void
fill_session (ChartaReviewPage *self, GtkWidget *row, const ChartaReview *review, const ChartaReviewSession *s)
{
  GtkWidget *kind = adw_combo_row_new ();
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autofree char *participants = join_participants (s->participants);
  GCallback field = G_CALLBACK (on_session_field_cb);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            _charta_review_entry_row (self, _("Date (YYYY-MM-DD)"), s->date, field, s->id, SESSION_DATE));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            _charta_review_entry_row (self, _("Start (HH:MM)"), s->start, field, s->id, SESSION_START));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            _charta_review_entry_row (self, _("End (HH:MM)"), s->end, field, s->id, SESSION_END));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            _charta_review_entry_row (self, _("Title"), s->title, field, s->id, SESSION_TITLE));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            _charta_review_entry_row (self, _("Place"), s->place, field, s->id, SESSION_PLACE));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            _charta_review_entry_row (self, _("Interviewees or participants (separated by “;”)"),
                                                      participants, field, s->id, SESSION_PARTICIPANTS));
  for (guint i = 0; i < G_N_ELEMENTS (session_kinds); i++)
    gtk_string_list_append (kinds, _(session_kinds[i]));
  charta_row_set_title (kind, _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind), G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), s->kind == CHARTA_UNSET ? CHARTA_SESSION_OTHER : (guint) s->kind);
  _charta_review_page_connect (self, kind, "notify::selected", G_CALLBACK (on_session_kind_cb), s->id, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), kind);
  add_session_items (self, row, review, s);
}

static int
compare_sessions (gconstpointer a, gconstpointer b)
{
  const ChartaReviewSession *sa = *(ChartaReviewSession **) a, *sb = *(ChartaReviewSession **) b;
  int by_date = g_strcmp0 (sa->date, sb->date);

  return by_date ? by_date : g_strcmp0 (sa->start, sb->start);
}

static void
build_sessions (ChartaReviewPage *self, const ChartaReview *review)
{
  GtkWidget *group = _charta_review_group_new (self->visit_box, _("Sessions"),
                                               _("Interviews with city staff and workshops with outside stakeholders"));
  GtkWidget *add = charta_button_new_with_mnemonic (_("Add _Session"));
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "review.add-session");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
  for (guint i = 0; review->sessions && i < review->sessions->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (review->sessions, i));
  g_ptr_array_sort (sorted, compare_sessions);
  for (guint i = 0; i < sorted->len; i++)
    {
      const ChartaReviewSession *s = g_ptr_array_index (sorted, i);
      GtkWidget *row = session_row (self, review, s);
      if (g_strcmp0 (s->id, self->expanded) == 0)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

/* ---- documents ---- */

static void
on_document_arrived_cb (GtkCheckButton *check, ChartaReviewTarget *t)
{
  g_autoptr(ChartaReview) copy = _charta_review_page_dup_review (t->page);
  ChartaReviewDocument *d = copy ? find_document (copy, t->id) : NULL;

  if (d == NULL)
    return;
  d->arrived = gtk_check_button_get_active (check);
  _charta_review_page_commit (t->page, g_steal_pointer (&copy));
}

static void
on_new_document_cb (AdwEntryRow *row, ChartaReviewTarget *t)
{
  g_autoptr(ChartaReview) copy = _charta_review_page_dup_review (t->page);
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *today = charta_date_today ();

  if (copy == NULL || *title == '\0')
    return;
  if (copy->documents == NULL)
    copy->documents = g_ptr_array_new ();
  g_ptr_array_add (copy->documents, charta_review_document_new (title, today));
  _charta_review_page_commit (t->page, g_steal_pointer (&copy));
}

static void
build_documents (ChartaReviewPage *self, const ChartaReview *review)
{
  guint n = review->documents ? review->documents->len : 0, arrived = 0;
  g_autofree char *description = NULL;
  GtkWidget *group;

  for (guint i = 0; i < n; i++)
    arrived += ((ChartaReviewDocument *) g_ptr_array_index (review->documents, i))->arrived;
  /* Translators: documents the review team asked the city for, e.g. "2 of 5 arrived" */
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u arrived", "%u of %u arrived", n), arrived, n);
  group = _charta_review_group_new (self->visit_box, _("Documents Requested From the City"), description);
  for (guint i = 0; i < n; i++)
    {
      const ChartaReviewDocument *d = g_ptr_array_index (review->documents, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new_with_label (_("Arrived"));
      g_autofree char *date = d->requested ? charta_format_date (d->requested) : NULL;
      /* Translators: when a document was asked for; %s is a date */
      g_autofree char *subtitle = date ? g_strdup_printf (_("Requested on %s"), date) : NULL;
      /* Translators: the accessible name of a button; %s is a document's title */
      g_autofree char *remove = g_strdup_printf (_("Remove “%s”"), d->title);

      charta_row_set_title (row, d->title);
      if (subtitle)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), d->arrived);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      _charta_review_page_connect (self, check, "toggled", G_CALLBACK (on_document_arrived_cb), d->id, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 _charta_review_icon_button ("user-trash-symbolic", remove, "review.remove-document", d->id));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             _charta_review_entry_row (self, _("Request a document (its title)"), NULL,
                                                       G_CALLBACK (on_new_document_cb), NULL, 0));
}

void
_charta_review_page_build_visit (ChartaReviewPage *self)
{
  const ChartaReview *review = _charta_review_page_get_review (self);

  _charta_review_page_clear (self, self->visit_box);
  if (review == NULL)
    return;
  build_coverage (self, review);
  build_days (self, review);
  build_sessions (self, review);
  build_documents (self, review);
}

/* ---- actions ---- */

/* A new session on the day of the last one (or the review's start, or today), an hour
 * from nine, shown open to be filled in. */
static void
add_session_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaReviewPage *self = CHARTA_REVIEW_PAGE (widget);
  g_autoptr(ChartaReview) copy = _charta_review_page_dup_review (self);
  g_autofree char *today = charta_date_today ();
  const char *date = today;
  ChartaReviewSession *s;

  if (copy == NULL)
    return;
  if (copy->sessions == NULL)
    copy->sessions = g_ptr_array_new ();
  if (copy->sessions->len > 0)
    date = ((ChartaReviewSession *) g_ptr_array_index (copy->sessions, copy->sessions->len - 1))->date;
  else if (copy->start != NULL)
    date = copy->start;
  s = charta_review_session_new (date, "09:00", "10:00");
  s->kind = CHARTA_SESSION_INTERVIEW;
  g_free (self->expanded);
  self->expanded = g_strdup (s->id);
  g_ptr_array_add (copy->sessions, s);
  _charta_review_page_commit (self, g_steal_pointer (&copy));
}

static void
remove_session_action (GtkWidget *widget, const char *name, GVariant *param)
{
  _charta_review_page_remove (CHARTA_REVIEW_PAGE (widget), G_STRUCT_OFFSET (ChartaReview, sessions),
                              g_variant_get_string (param, NULL), (GDestroyNotify) charta_review_session_free);
}

static void
remove_document_action (GtkWidget *widget, const char *name, GVariant *param)
{
  _charta_review_page_remove (CHARTA_REVIEW_PAGE (widget), G_STRUCT_OFFSET (ChartaReview, documents),
                              g_variant_get_string (param, NULL), (GDestroyNotify) charta_review_document_free);
}

void
_charta_review_page_install_visit_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "review.add-session", NULL, add_session_action);
  gtk_widget_class_install_action (widget_class, "review.remove-session", "s", remove_session_action);
  gtk_widget_class_install_action (widget_class, "review.remove-document", "s", remove_document_action);
}
