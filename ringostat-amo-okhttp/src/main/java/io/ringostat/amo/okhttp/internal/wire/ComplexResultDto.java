package io.ringostat.amo.okhttp.internal.wire;

import java.util.List;

/**
 * One item of {@code POST /api/v4/leads/complex}'s answer, a plain JSON array (reference §6.4):
 * the lead id, the contact id, and the request ids (several when duplicates were merged).
 */
public record ComplexResultDto(Long id, Long contactId, Long companyId, List<String> requestId,
    Boolean merged) {}
