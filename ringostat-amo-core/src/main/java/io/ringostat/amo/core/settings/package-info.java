@AmoStyle
package io.ringostat.amo.core.settings;

import io.ringostat.amo.core.AmoStyle;
