// `finsam-extract export`: tables of an ingest database as CSV.
#pragma once

#include "cli/command.h"

namespace finsam {

Command AddExportCommand(CLI::App& app);

}  // namespace finsam
