@AmoStyle
package io.ringostat.amo.core.spi;

import io.ringostat.amo.core.AmoStyle;
