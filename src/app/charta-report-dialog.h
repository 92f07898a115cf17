/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-document.h"
#include "charta-report.h"

G_BEGIN_DECLS

/* "Send Progress Report": the report a push would send, built by charta_report_new(),
 * shown as a readable summary (period, levels, actions by status, measures, narrative)
 * and as the exact JSON text, with a Send button. The dialog only shows; "send" is the
 * window's to carry out, with the report returned by charta_report_dialog_get_report(). */
#define CHARTA_TYPE_REPORT_DIALOG (charta_report_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChartaReportDialog, charta_report_dialog, CHARTA, REPORT_DIALOG, AdwWindow)

/* @endpoint: the hub, or NULL / "" when none is set (Send is then off). */
ChartaReportDialog *charta_report_dialog_new (GtkWindow      *parent,
                                              ChartaDocument *document,
                                              const char     *endpoint,
                                              const char     *period);
/* The hub the report would go to; follows Preferences while the dialog is open. */
void                charta_report_dialog_set_endpoint (ChartaReportDialog *self,
                                                       const char         *endpoint);
/* The report shown, exactly as Send sends it; NULL when the period is not valid. */
const ChartaReport *charta_report_dialog_get_report (ChartaReportDialog *self);
const char         *charta_report_dialog_get_period (ChartaReportDialog *self);
/* The JSON text shown: charta_report_to_bytes() of the report. */
char               *charta_report_dialog_dup_text (ChartaReportDialog *self);

G_END_DECLS
