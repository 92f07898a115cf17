/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-review-page"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-review-page-private.h"

/* The review page's Feedback view: the feedback report's sections, drafted by the core
 * from the team's findings (charta_review_draft_feedback()) and edited here, exported
 * through the export dialog (PDF or web page, as charta-cli review report); the
 * presentation; and, after it, each recommendation taken up as an action in one step
 * (charta_document_adopt_recommendation()). */

enum {
  TEXT_SITUATION,
  TEXT_FINDINGS,
  TEXT_KEY_PROBLEMS,
  TEXT_RECOMMENDATIONS,
  TEXT_GOOD_PRACTICES,
  N_TEXTS
};

enum {
  PRESENTATION_DATE,
  PRESENTATION_OUTCOME,
};

static const char * const text_labels[] = {
  N_("Situation"), N_("Findings"), N_("Key problems"), N_("Recommendations"), N_("Good practices"),
};

/* A section's form: its text views, read when Save is pressed. */
typedef struct {
  ChartaReviewPage *page;
  char *id;
  GtkTextView *views[N_TEXTS];
} SectionForm;

static void
section_form_free (gpointer data, GClosure *closure)
{
  SectionForm *form = data;

  g_free (form->id);
  g_free (form);
}

static char **
section_text (ChartaFeedbackSection *section, guint text)
{
  switch (text)
    {
    case TEXT_SITUATION: return &section->situation;
    case TEXT_FINDINGS: return &section->findings;
    case TEXT_KEY_PROBLEMS: return &section->key_problems;
    case TEXT_RECOMMENDATIONS: return &section->recommendations;
    case TEXT_GOOD_PRACTICES: return &section->good_practices;
    default: g_assert_not_reached ();
    }
}

static void
on_section_save_cb (GtkButton *button, SectionForm *form)
{
  g_autoptr(ChartaReview) copy = _charta_review_page_dup_review (form->page);
  ChartaFeedbackSection *section = copy ? _charta_review_find_by_id (copy->feedback, form->id) : NULL;

  if (section == NULL)
    return;
  for (guint t = 0; t < N_TEXTS; t++)
    {
      char **text = section_text (section, t);
      g_free (*text);
      *text = charta_text_buffer_dup_text (gtk_text_view_get_buffer (form->views[t]));
    }
  _charta_review_page_commit (form->page, g_steal_pointer (&copy));
}

static void
build_section (ChartaReviewPage *self, ChartaFeedbackSection *section)
{
  GtkWidget *group = _charta_review_group_new (self->feedback_box, _charta_review_item_title (section->area), NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *save = gtk_button_new_with_label (_("Save Section"));
  SectionForm *form = g_new0 (SectionForm, 1);

  form->page = self;
  form->id = g_strdup (section->id);
  for (guint t = 0; t < N_TEXTS; t++)
    {
      GtkWidget *label = gtk_label_new (_(text_labels[t]));
      GtkWidget *view = gtk_text_view_new ();
      char **text = section_text (section, t);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
      gtk_widget_add_css_class (view, "card");
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), *text ? *text : "", -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
      form->views[t] = GTK_TEXT_VIEW (view);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), view);
    }
  gtk_widget_set_halign (save, GTK_ALIGN_END);
  g_signal_connect_data (save, "clicked", G_CALLBACK (on_section_save_cb), form, section_form_free, 0);
  gtk_box_append (GTK_BOX (box), save);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
}

static void
build_report (ChartaReviewPage *self, const ChartaReview *review)
{
  guint n = review->feedback ? review->feedback->len : 0;
  GtkWidget *group = _charta_review_group_new (self->feedback_box, _("Feedback Report"),
                                               _("Per area under review: the city’s situation, the team’s findings, "
                                                 "key problems, recommendations and good practices from the catalogue"));
  GtkWidget *draft = adw_action_row_new ();
  GtkWidget *draft_button = charta_button_new_with_mnemonic (_("_Draft"));
  GtkWidget *export = adw_action_row_new ();
  GtkWidget *export_button = charta_button_new_with_mnemonic (_("_Export…"));

  charta_row_set_title (draft, _("Draft from the team’s findings"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (draft),
                               n ? _("Adds a section for each area that has none; sections already written are kept")
                                 : _("Adds a section for each area under review, to edit here"));
  gtk_widget_set_valign (draft_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (draft_button), "review.draft-feedback");
  adw_action_row_add_suffix (ADW_ACTION_ROW (draft), draft_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), draft);
  charta_row_set_title (export, _("Export the feedback report"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (export), _("PDF or web page; sections not written yet are drafted in it"));
  gtk_widget_set_valign (export_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export_button), "review.export");
  adw_action_row_add_suffix (ADW_ACTION_ROW (export), export_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), export);
  for (guint i = 0; i < n; i++)
    build_section (self, g_ptr_array_index (review->feedback, i));
}

static void
on_presentation_cb (AdwEntryRow *row, ChartaReviewTarget *t)
{
  g_autoptr(ChartaReview) copy = _charta_review_page_dup_review (t->page);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *date = NULL;
  g_autofree char *outcome = NULL;

  if (copy == NULL)
    return;
  date = g_strdup (copy->presentation ? copy->presentation->date : NULL);
  outcome = g_strdup (copy->presentation ? copy->presentation->outcome : NULL);
  if (t->field == PRESENTATION_DATE)
    {
      g_clear_pointer (&date, g_free);
      if (!_charta_review_page_check_date (t->page, text, &date))
        return;
    }
  else
    {
      g_free (outcome);
      outcome = g_steal_pointer (&text);
    }
  charta_review_set_presentation (copy, date, outcome);
  _charta_review_page_commit (t->page, g_steal_pointer (&copy));
}

static void
build_presentation (ChartaReviewPage *self, const ChartaReview *review)
{
  GtkWidget *group = _charta_review_group_new (self->feedback_box, _("Presentation"),
                                               _("A peer presents the conclusions to the city"));
  const ChartaPresentation *p = review->presentation;

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             _charta_review_entry_row (self, _("Date (YYYY-MM-DD)"), p ? p->date : NULL,
                                                       G_CALLBACK (on_presentation_cb), NULL, PRESENTATION_DATE));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             _charta_review_entry_row (self, _("Outcome"), p ? p->outcome : NULL,
                                                       G_CALLBACK (on_presentation_cb), NULL, PRESENTATION_OUTCOME));
}

static void
build_recommendations (ChartaReviewPage *self, const ChartaReview *review)
{
  const ChartaProject *project = charta_document_get_project (self->document);
  g_autoptr(GPtrArray) ids = charta_review_get_recommendations (review);
  gboolean presented = charta_review_is_presented (review);
  GtkWidget *group = _charta_review_group_new (self->feedback_box, _("Recommendations Into Actions"),
                                               presented ? _("Each recommendation the city adopts becomes an action "
                                                             "of the plan, linked to this review")
                                                         : _("After the presentation: record its date first"));

  /* Recommendations become actions after the presentation (charta_review_check_adopt()). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.adopt", presented);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      const ChartaItem *item = charta_catalogue_lookup (charta_catalogue_get_default (), id);
      const ChartaItem *kp = item ? charta_item_get_parent (item) : NULL;
      const ChartaItem *area = kp ? charta_item_get_parent (kp) : NULL;
      GtkWidget *row = adw_action_row_new ();

      charta_row_set_title (row, _charta_review_item_title (id));
      if (area != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), charta_item_get_title (area));
      if (charta_review_find_action (project, review, id) != NULL)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Done"), -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (_("In the action plan")));
        }
      else
        {
          GtkWidget *button = gtk_button_new_with_label (_("Turn Into Action"));
          /* Translators: the accessible name of "Turn Into Action"; %s is a recommendation */
          g_autofree char *name = g_strdup_printf (_("Turn “%s” into an action"), _charta_review_item_title (id));
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "review.adopt");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

void
_charta_review_page_build_feedback (ChartaReviewPage *self)
{
  const ChartaReview *review = _charta_review_page_get_review (self);

  _charta_review_page_clear (self, self->feedback_box);
  if (review == NULL)
    return;
  build_report (self, review);
  build_presentation (self, review);
  build_recommendations (self, review);
}

/* ---- actions ---- */

static void
draft_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaReviewPage *self = CHARTA_REVIEW_PAGE (widget);
  g_autoptr(ChartaReview) copy = _charta_review_page_dup_review (self);
  guint added;

  if (copy == NULL)
    return;
  added = charta_review_draft_feedback (copy, charta_document_get_project (self->document));
  if (added == 0)
    {
      _charta_review_page_toast (self, _("Every area under review has its section already"));
      return;
    }
  _charta_review_page_commit (self, g_steal_pointer (&copy));
}

static void
adopt_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaReviewPage *self = CHARTA_REVIEW_PAGE (widget);
  const char *id = g_variant_get_string (param, NULL);
  g_autoptr(GError) error = NULL;
  const ChartaAction *action;

  action = charta_document_adopt_recommendation (self->document, self->review_id, id, &error);
  if (action == NULL)
    _charta_review_page_toast (self, error->message);
  else
    {
      /* Translators: a toast; %s is the new action's title */
      g_autofree char *text = g_strdup_printf (_("“%s” is now an action of the plan"), action->title);
      _charta_review_page_toast (self, text);
    }
}

void
_charta_review_page_install_feedback_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "review.draft-feedback", NULL, draft_action);
  gtk_widget_class_install_action (widget_class, "review.adopt", "s", adopt_action);
}
