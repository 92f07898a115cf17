/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-cli-export.h: `charta-cli export`, reports as PDF, web page, spreadsheet or calendar. */
#pragma once

int charta_cli_export (int argc, char **argv);
