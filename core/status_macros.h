// Early-return helpers for absl::Status, which Debian 12's Abseil (20220623)
// does not ship.
#ifndef REPRINT_CORE_STATUS_MACROS_H_
#define REPRINT_CORE_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

// Returns from the enclosing function with `expr`'s status if it is not OK.
#define REPRINT_RETURN_IF_ERROR(expr)                 \
  do {                                                \
    const ::absl::Status reprint_status_ = (expr);    \
    if (!reprint_status_.ok()) return reprint_status_; \
  } while (false)

#define REPRINT_CONCAT_INNER_(a, b) a##b
#define REPRINT_CONCAT_(a, b) REPRINT_CONCAT_INNER_(a, b)

// `lhs = *expr` if `expr` (an absl::StatusOr) is OK; otherwise returns its status.
#define REPRINT_ASSIGN_OR_RETURN(lhs, expr) \
  REPRINT_ASSIGN_OR_RETURN_IMPL_(REPRINT_CONCAT_(reprint_statusor_, __LINE__), lhs, expr)
#define REPRINT_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                   \
  if (!statusor.ok()) return std::move(statusor).status();  \
  lhs = *std::move(statusor)

#endif  // REPRINT_CORE_STATUS_MACROS_H_
