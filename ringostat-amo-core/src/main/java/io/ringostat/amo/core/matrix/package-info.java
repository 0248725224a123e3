@AmoStyle
package io.ringostat.amo.core.matrix;

import io.ringostat.amo.core.AmoStyle;
