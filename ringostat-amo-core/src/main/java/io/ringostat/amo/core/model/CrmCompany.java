package io.ringostat.amo.core.model;

import java.util.Optional;

/** A company linked to the caller's contact. */
public record CrmCompany(long id, String name, Optional<Long> responsibleUserId) {}
