@AmoStyle
package io.ringostat.amo.core.internal;

import io.ringostat.amo.core.AmoStyle;
