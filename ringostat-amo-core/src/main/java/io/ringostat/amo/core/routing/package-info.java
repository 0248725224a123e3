@AmoStyle
package io.ringostat.amo.core.routing;

import io.ringostat.amo.core.AmoStyle;
