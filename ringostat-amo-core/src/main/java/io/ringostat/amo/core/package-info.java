@AmoStyle
package io.ringostat.amo.core;


