package org.emoscope.app.viewmodel;

import javafx.beans.value.WritableValue;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Views read view-model state and change it through commands: no view-model hands out a writable property. */
class ReadOnlyViewModelsTest {

    private static final List<Class<?>> VIEW_MODELS = List.of(ShellViewModel.class, ModelViewModel.class,
            LiveViewModel.class, LiveDisplay.class, FilesViewModel.class, FileItem.class, AttentionViewModel.class,
            NotificationsViewModel.class);

    @Test
    void noPublicGetterReturnsAWritableProperty() {
        List<String> writable = new ArrayList<>();
        for (Class<?> c : VIEW_MODELS)
            for (Method m : c.getDeclaredMethods())
                if (Modifier.isPublic(m.getModifiers()) && WritableValue.class.isAssignableFrom(m.getReturnType()))
                    writable.add(c.getSimpleName() + "." + m.getName() + "()");
        assertEquals(List.of(), writable);
    }
}
