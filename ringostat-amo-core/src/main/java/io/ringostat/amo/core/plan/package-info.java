@AmoStyle
package io.ringostat.amo.core.plan;

import io.ringostat.amo.core.AmoStyle;
