package io.rpmkit.format;

import io.rpmkit.Choice;

/** When a trigger fires, with its RPMSENSE_TRIGGER* bit. */
public enum TriggerKind implements Choice {
    TRIGGERIN("triggerin", 0x10000),
    TRIGGERUN("triggerun", 0x20000),
    TRIGGERPOSTUN("triggerpostun", 0x40000);

    private final String settingName;
    private final int senseBit;

    TriggerKind(String settingName, int senseBit) {
        this.settingName = settingName;
        this.senseBit = senseBit;
    }

    @Override
    public String settingName() {
        return settingName;
    }

    public int senseBit() {
        return senseBit;
    }
}
